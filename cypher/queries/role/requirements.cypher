// Own and inherited (via SPECIALIZES) requirements of each role, with the skill node.
UNWIND $ids AS id
MATCH (r:Role {id: id})
CALL (r) {
  MATCH (r)-[q:REQUIRES]->(s:Skill)
  RETURN s, q, false AS inherited
  UNION
  MATCH (r)-[:SPECIALIZES]->(:Role)-[q:REQUIRES]->(s:Skill)
  RETURN s, q, true AS inherited
}
RETURN id AS roleId, s {.*, createdAt: toString(s.createdAt), updatedAt: toString(s.updatedAt)} AS skill,
       q.importance AS importance, q.level AS level, inherited,
       coalesce(q.extracted, false) AS extracted, q.confidence AS confidence
ORDER BY roleId, s.sortKey, s.id
