// Explicit (RELATED, either way) and hierarchy (broader, narrower, siblings) neighbours.
MATCH (s:Skill {id: $id})
CALL (s) {
  MATCH (s)-[r:RELATED]-(n:Skill) WHERE n <> s
  RETURN n, 'EXPLICIT' AS kind, coalesce(r.relationType, '') AS detail
  UNION
  MATCH (s)-[:BROADER]->(n:Skill) RETURN n, 'BROADER' AS kind, '' AS detail
  UNION
  MATCH (s)<-[:BROADER]-(n:Skill) RETURN n, 'NARROWER' AS kind, '' AS detail
  UNION
  MATCH (s)-[:BROADER]->(:Skill)<-[:BROADER]-(n:Skill) WHERE n <> s
  RETURN n, 'SIBLING' AS kind, '' AS detail
}
RETURN n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS skill, kind, detail
