// 100 skills by lower-cased name then id, each with its first 10 teaching credentials (same
// order) and each credential's provider.
MATCH (s:Skill)
WITH s, toLower(s.name) AS key
ORDER BY key, s.id
LIMIT 100
CALL (s) {
  MATCH (s)<-[t:TEACHES]-(c:Credential)
  WITH t, c
  ORDER BY toLower(c.name), c.id
  LIMIT 10
  RETURN collect({level: t.level, name: c.name,
                  provider: [(p:Provider)-[:OFFERS]->(c) | p.name][0]}) AS taughtBy
}
RETURN s.id AS id, s.name AS name, taughtBy
ORDER BY key, id
