// One BFS level for skillPath: every skill one hop from a frontier skill, with how.
UNWIND $ids AS id
MATCH (s:Skill {id: id})
CALL (s) {
  MATCH (s)-[:BROADER]->(n:Skill) RETURN n.id AS next, 'BROADER' AS kind, null AS via
  UNION
  MATCH (s)<-[:BROADER]-(n:Skill) RETURN n.id AS next, 'NARROWER' AS kind, null AS via
  UNION
  MATCH (s)-[:RELATED]-(n:Skill) WHERE n <> s RETURN n.id AS next, 'RELATED' AS kind, null AS via
  UNION
  MATCH (s)<-[:REQUIRES]-(r:Role)-[:REQUIRES]->(n:Skill) WHERE n <> s
  WITH n, min(r.id) AS via
  RETURN n.id AS next, 'CO_REQUIRED' AS kind, via
}
RETURN id AS from, next, kind, via
