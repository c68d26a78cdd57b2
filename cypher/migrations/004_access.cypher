// API keys (stored as hashes) and idempotent-request records.
CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (r:IdempotencyRecord) REQUIRE r.key IS UNIQUE;
CREATE INDEX idempotency_created IF NOT EXISTS FOR (r:IdempotencyRecord) ON (r.createdAt);
CREATE INDEX role_owner IF NOT EXISTS FOR (n:Role) ON (n.owner);
