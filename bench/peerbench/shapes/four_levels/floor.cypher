// 20 occupations by sortKey then id; each requirement by its skill's sortKey, then skill id,
// as SkillGraph orders it, with the skill's broader skills and
// its first 5 teaching credentials with their providers. One record.
MATCH (r:Role {kind: 'OCCUPATION'})
WHERE r.sortKey IS NOT NULL AND r.id IS NOT NULL
WITH r
ORDER BY r.sortKey, r.id
LIMIT 20
RETURN collect({id: r.id, title: r.title, requirements: COLLECT {
  MATCH (r)-[q:REQUIRES]->(s:Skill)
  WITH q, s
  ORDER BY s.sortKey, s.id
  RETURN {level: q.level, importance: q.importance, id: s.id, name: s.name,
          broader: COLLECT {
            MATCH (s)-[:BROADER]->(b:Skill)
            WITH b
            ORDER BY b.sortKey, b.id
            RETURN {id: b.id, name: b.name}
          },
          taughtBy: COLLECT {
            MATCH (s)<-[t:TEACHES]-(c:Credential)
            WITH t, c
            ORDER BY c.sortKey, c.id
            LIMIT 5
            RETURN {level: t.level, name: c.name,
                    provider: head(COLLECT { MATCH (p:Provider)-[:OFFERS]->(c) RETURN p.name })}
          }}
}}) AS rows
