// One credential by id, its provider and the skills it teaches by sortKey then id.
MATCH (c:Credential {id: $id})
CALL (c) {
  MATCH (c)-[t:TEACHES]->(s:Skill)
  WITH t, s
  ORDER BY s.sortKey, s.id
  RETURN collect({level: t.level, id: s.id, name: s.name}) AS teaches
}
RETURN c.id AS id, c.name AS name,
       [(p:Provider)-[:OFFERS]->(c) | {id: p.id, name: p.name}][0] AS provider, teaches
