// 20 occupations by sortKey then id; each requirement (by skill sortKey) with
// its skill's broader skills and first 5 teaching credentials with their providers.
MATCH (r:Role {kind: 'OCCUPATION'})
WHERE r.sortKey IS NOT NULL AND r.id IS NOT NULL
WITH r, r.sortKey AS key
ORDER BY key, r.id
LIMIT 20
CALL (r) {
  MATCH (r)-[q:REQUIRES]->(s:Skill)
  CALL (s) {
    MATCH (s)-[:BROADER]->(b:Skill)
    WITH b
    ORDER BY b.sortKey, b.id
    RETURN collect({id: b.id, name: b.name}) AS broader
  }
  CALL (s) {
    MATCH (s)<-[t:TEACHES]-(c:Credential)
    WITH t, c
    ORDER BY c.sortKey, c.id
    LIMIT 5
    RETURN collect({level: t.level, name: c.name,
                    provider: [(p:Provider)-[:OFFERS]->(c) | p.name][0]}) AS taughtBy
  }
  // Ties of name as SkillGraph breaks them: ESSENTIAL first, then skill id.
  WITH q, s, broader, taughtBy
  ORDER BY s.sortKey, CASE q.importance WHEN 'OPTIONAL' THEN 1 ELSE 0 END, s.id
  RETURN collect({level: q.level, importance: q.importance, id: s.id, name: s.name,
                  broader: broader, taughtBy: taughtBy}) AS requirements
}
RETURN r.id AS id, r.title AS title, requirements
ORDER BY key, id
