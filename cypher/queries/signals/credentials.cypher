// Every credential with what the value signals need: status, price, hours, its provider
// (accredited; a known issuer pins verification keys, or an award of the credential was
// verified), whether it came from an Open Badges import, what it teaches [skill id, level]
// and who endorses it [id, accredited], by provider id.
MATCH (c:Credential)
WITH c, head(COLLECT { MATCH (p:Provider)-[:OFFERS]->(c) RETURN p ORDER BY p.id }) AS p
RETURN c.id AS id, coalesce(c.status, 'ACTIVE') AS status, c.costAmount AS cost,
       c.costCurrency AS currency, c.durationHours AS hours,
       coalesce(c.openBadges, false) AS openBadges,
       p.id AS providerId, coalesce(p.accredited, false) AS accredited,
       p IS NOT NULL AND (size(coalesce(p.verificationKeys, [])) > 0
         OR EXISTS { MATCH (c)<-[e:EARNED]-() WHERE e.verificationStatus = 'VERIFIED' })
         AS knownIssuer,
       COLLECT { MATCH (c)-[t:TEACHES]->(s:Skill) RETURN [s.id, coalesce(t.level, 1)] } AS teaches,
       COLLECT { MATCH (e:Provider)-[:ENDORSES]->(c)
                 RETURN [e.id, coalesce(e.accredited, false)] ORDER BY e.id } AS endorsers
