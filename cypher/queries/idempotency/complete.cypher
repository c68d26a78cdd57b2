MATCH (r:IdempotencyRecord {key: $key})
SET r.status = 'DONE', r.response = $response, r.statusCode = $statusCode
RETURN r.key AS key
