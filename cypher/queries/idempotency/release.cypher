// Forget a claim whose request failed before producing a response worth replaying.
MATCH (r:IdempotencyRecord {key: $key, status: 'PENDING'})
DELETE r
RETURN count(*) AS released
