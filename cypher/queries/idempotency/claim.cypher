// Claims a key for a request; fails with a constraint error when it exists already.
CREATE (r:IdempotencyRecord {key: $key, hash: $hash, status: 'PENDING', createdAt: datetime()})
RETURN r.key AS key
