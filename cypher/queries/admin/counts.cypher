// Domain nodes per label (bookkeeping nodes are not counted).
MATCH (n) WHERE NOT (n:SchemaMigration OR n:ApiKey OR n:IdempotencyRecord OR n:GraphVersion)
RETURN labels(n)[0] AS label, count(*) AS count
ORDER BY label
