// Jaccard similarity over the roles requiring both skills (roles' own REQUIRES):
// |roles requiring both| / |roles requiring either|, best first, at most $limit.
MATCH (a:Skill {id: $id})<-[:REQUIRES]-(r:Role)-[:REQUIRES]->(b:Skill)
WHERE b <> a
WITH a, b, count(DISTINCT r) AS shared
WITH b, shared, COUNT { (a)<-[:REQUIRES]-(:Role) } AS na, COUNT { (b)<-[:REQUIRES]-(:Role) } AS nb
WITH b, shared, toFloat(shared) / (na + nb - shared) AS jaccard
ORDER BY jaccard DESC, b.id
LIMIT $limit
RETURN b {.*} AS skill, jaccard, shared
