// Roles whose effective requirements include any of $skills (own REQUIRES, or inherited via
// the occupation a posting SPECIALIZES), optionally narrowed by kind and full-text.
CALL () {
  MATCH (s:Skill)<-[:REQUIRES]-(r:Role) WHERE s.id IN $skills
  RETURN r
  UNION
  MATCH (s:Skill)<-[:REQUIRES]-(:Role)<-[:SPECIALIZES]-(r:Role) WHERE s.id IN $skills
  RETURN r
}
WITH DISTINCT r
WHERE ($kinds IS NULL OR r.kind IN $kinds)
  AND ($text IS NULL OR r.id IN $textIds)
RETURN r.id AS id
ORDER BY id
