// 100 skills by sortKey then id, each with its first 10 teaching credentials (same
// order) and each credential's provider.
MATCH (s:Skill)
// Existence on both lets the (sortKey, id) index give the order (every skill has both).
WHERE s.sortKey IS NOT NULL AND s.id IS NOT NULL
WITH s, s.sortKey AS key
ORDER BY key, s.id
LIMIT 100
CALL (s) {
  MATCH (s)<-[t:TEACHES]-(c:Credential)
  WITH t, c
  ORDER BY c.sortKey, c.id
  LIMIT 10
  RETURN collect({level: t.level, name: c.name,
                  provider: [(p:Provider)-[:OFFERS]->(c) | p.name][0]}) AS taughtBy
}
RETURN s.id AS id, s.name AS name, taughtBy
ORDER BY key, id
