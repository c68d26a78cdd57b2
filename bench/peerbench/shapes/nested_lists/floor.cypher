// 100 skills by sortKey then id, each with its first 10 teaching credentials (same order)
// and each credential's provider. One record: the driver's cost is per record, not per value.
MATCH (s:Skill)
// Existence on both lets the (sortKey, id) index give the order (every skill has both).
WHERE s.sortKey IS NOT NULL AND s.id IS NOT NULL
WITH s
ORDER BY s.sortKey, s.id
LIMIT 100
RETURN collect({id: s.id, name: s.name, taughtBy: COLLECT {
  MATCH (s)<-[t:TEACHES]-(c:Credential)
  WITH t, c
  ORDER BY c.sortKey, c.id
  LIMIT 10
  RETURN {level: t.level, name: c.name,
          provider: head(COLLECT { MATCH (p:Provider)-[:OFFERS]->(c) RETURN p.name })}
}}) AS rows
