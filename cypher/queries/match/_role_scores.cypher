// Every role sharing a skill with the person, scored on its effective requirements (own
// REQUIRES, plus the specialised occupation's where the role has none on that skill).
// $held: {skillId: level} from the domain's held skills; a requirement is met when the held
// level is >= the required level. Units are weights in millionths ($essentialUnits,
// $optionalUnits), so sums are exact integers.
CALL () {
  MATCH (s:Skill)<-[:REQUIRES]-(r:Role) WHERE s.id IN $skills
  RETURN r
  UNION
  MATCH (s:Skill)<-[:REQUIRES]-(:Role)<-[:SPECIALIZES]-(r:Role) WHERE s.id IN $skills
  RETURN r
}
WITH DISTINCT r
WHERE ($kinds IS NULL OR r.kind IN $kinds) AND ($text IS NULL OR r.id IN $textIds)
CALL (r) {
  MATCH (r)-[q:REQUIRES]->(s:Skill)
  RETURN s.id AS sid, q.importance AS importance, coalesce(q.level, 1) AS level
  UNION
  MATCH (r)-[:SPECIALIZES]->(:Role)-[q:REQUIRES]->(s:Skill)
  WHERE NOT EXISTS { (r)-[:REQUIRES]->(s) }
  RETURN s.id AS sid, q.importance AS importance, coalesce(q.level, 1) AS level
}
WITH r, importance = 'ESSENTIAL' AS essential,
     coalesce($held[sid], 0) >= level AS met
WITH r,
     sum(CASE WHEN essential THEN $essentialUnits ELSE $optionalUnits END) AS total,
     sum(CASE WHEN met THEN (CASE WHEN essential THEN $essentialUnits ELSE $optionalUnits END)
         ELSE 0 END) AS covered,
     sum(CASE WHEN essential THEN 1 ELSE 0 END) AS essentials,
     sum(CASE WHEN essential AND met THEN 1 ELSE 0 END) AS essentialMet,
     sum(CASE WHEN met THEN 0 ELSE 1 END) AS missing
WITH r, missing,
     CASE WHEN total = 0 THEN 1.0 ELSE toFloat(covered) / total END AS coverage,
     CASE WHEN essentials = 0 THEN 1.0 ELSE toFloat(essentialMet) / essentials END AS essentialCoverage
WHERE coverage >= $minCoverage  // the reported float, as candidatesForRole compares it
