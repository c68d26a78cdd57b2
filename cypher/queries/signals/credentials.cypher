// Every credential with what the value signals need: status, price, hours, its provider
// (accredited; a known issuer has a name that is not just its uri), whether it came from an
// Open Badges import, what it teaches [skill id, level] and who endorses it [id, accredited],
// by provider id.
MATCH (c:Credential)
WITH c, head(COLLECT { MATCH (p:Provider)-[:OFFERS]->(c) RETURN p ORDER BY p.id }) AS p
RETURN c.id AS id, coalesce(c.status, 'ACTIVE') AS status, c.costAmount AS cost,
       c.costCurrency AS currency, c.durationHours AS hours,
       coalesce(c.openBadges, false) AS openBadges,
       p.id AS providerId, coalesce(p.accredited, false) AS accredited,
       p IS NOT NULL AND p.name IS NOT NULL AND p.name <> coalesce(p.uri, '') AS knownIssuer,
       COLLECT { MATCH (c)-[t:TEACHES]->(s:Skill) RETURN [s.id, coalesce(t.level, 1)] } AS teaches,
       COLLECT { MATCH (e:Provider)-[:ENDORSES]->(c)
                 RETURN [e.id, coalesce(e.accredited, false)] ORDER BY e.id } AS endorsers
