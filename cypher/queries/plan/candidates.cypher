// Credentials that teach any of $skills and pass the plan's filters: ACTIVE, not excluded,
// priced in $currency (or free), and the optional format/provider/accreditation/endorsement
// conditions. Each comes with what it teaches and what it requires.
MATCH (s:Skill) WHERE s.id IN $skills
MATCH (s)<-[:TEACHES]-(c:Credential)
WITH DISTINCT c
WHERE c.status = 'ACTIVE'
  AND NOT c.id IN $exclude
  AND (c.costCurrency = $currency OR c.costValue = 0.0)
  AND ($formats IS NULL OR c.format IN $formats)
  AND ($providers IS NULL OR EXISTS { MATCH (p:Provider)-[:OFFERS]->(c) WHERE p.id IN $providers })
  AND (NOT $requireAccredited OR EXISTS { (:Provider {accredited: true})-[:OFFERS]->(c) })
  AND (NOT $requireEndorsed OR EXISTS { (:Provider)-[:ENDORSES]->(c) })
RETURN c.id AS id, c.costAmount AS cost, c.costCurrency AS currency, c.durationHours AS hours,
       [(c)-[t:TEACHES]->(x:Skill) | {skillId: x.id, level: coalesce(t.level, 1)}] AS teaches,
       [(c)-[r:REQUIRES]->(x:Skill) | {skillId: x.id, level: coalesce(r.level, 1)}] AS requires
ORDER BY id
