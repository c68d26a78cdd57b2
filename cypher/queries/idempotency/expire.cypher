// Old records (and their stale claims) go, so the same key can be used again later.
MATCH (r:IdempotencyRecord {key: $key})
WHERE r.createdAt <= datetime() - duration({hours: $ttlHours})
DELETE r
RETURN count(*) AS expired
