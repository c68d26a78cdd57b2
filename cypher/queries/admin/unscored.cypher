// Credentials without `valueScore` (every credential write must set it).
MATCH (n:Credential) WHERE n.valueScore IS NULL
RETURN n.id AS id LIMIT $limit
