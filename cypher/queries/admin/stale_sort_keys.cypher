// Nodes whose sortKey does not match their name or title (every write must set it).
MATCH (n) WHERE (n:Skill OR n:Credential OR n:Provider OR n:Role OR n:Person)
  AND (n.sortKey IS NULL OR n.sortKey <> toLower(coalesce(n.name, n.title)))
RETURN n.id AS id LIMIT $limit
