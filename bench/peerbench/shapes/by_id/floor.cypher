// One credential by id, its provider and the skills it teaches by sortKey then id.
MATCH (c:Credential {id: $id})
RETURN collect({id: c.id, name: c.name,
  provider: head(COLLECT { MATCH (p:Provider)-[:OFFERS]->(c) RETURN {id: p.id, name: p.name} }),
  teaches: COLLECT {
    MATCH (c)-[t:TEACHES]->(s:Skill)
    WITH t, s
    ORDER BY s.sortKey, s.id
    RETURN {level: t.level, id: s.id, name: s.name}
  }}) AS rows
