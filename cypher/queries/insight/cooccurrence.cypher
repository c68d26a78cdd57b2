// Jaccard similarity over the roles requiring both skills (roles' own REQUIRES):
// |roles requiring both| / |roles requiring either|, best first, at most $limit.
MATCH (a:Skill {id: $id})
WITH a, COUNT { (a)<-[:REQUIRES]-(:Role) } AS na
MATCH (a)<-[:REQUIRES]-(r:Role)-[:REQUIRES]->(b:Skill)
WHERE b <> a
WITH b, na, count(DISTINCT r) AS shared
WITH b, shared, toFloat(shared) / (na + COUNT { (b)<-[:REQUIRES]-(:Role) } - shared) AS jaccard
ORDER BY jaccard DESC, b.id
LIMIT $limit
RETURN b {.*, createdAt: toString(b.createdAt), updatedAt: toString(b.updatedAt)} AS skill, jaccard, shared
