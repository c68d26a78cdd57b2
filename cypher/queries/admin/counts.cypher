// Domain nodes per label (bookkeeping and derived nodes, such as skill embeddings, are not
// counted).
MATCH (n) WHERE NOT (n:SchemaMigration OR n:ApiKey OR n:IdempotencyRecord OR n:GraphVersion
                    OR n:SkillEmbedding)
RETURN labels(n)[0] AS label, count(*) AS count
ORDER BY label
