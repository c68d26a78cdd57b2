MATCH (r:IdempotencyRecord {key: $key})
WHERE r.createdAt > datetime() - duration({hours: $ttlHours})
RETURN r {.*} AS record
