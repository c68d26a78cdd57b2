MATCH (n) WHERE NOT n:SchemaMigration
RETURN labels(n)[0] AS label, count(*) AS count
ORDER BY label
