// Every credential as [id, status, cost, currency, hours, openBadges, providerId,
// accredited, knownIssuer, teaches, endorsers]: its provider is accredited; a known issuer
// pins verification keys, or an award of the credential was verified; openBadges: it came
// from an Open Badges import; teaches [skill id, level]; endorsers [id, accredited] by
// provider id. One record.
MATCH (c:Credential)
WITH c, head(COLLECT { MATCH (p:Provider)-[:OFFERS]->(c) RETURN p ORDER BY p.id }) AS p
RETURN collect([
  c.id, coalesce(c.status, 'ACTIVE'), c.costAmount, c.costCurrency, c.durationHours,
  coalesce(c.openBadges, false), p.id, coalesce(p.accredited, false),
  p IS NOT NULL AND (size(coalesce(p.verificationKeys, [])) > 0
    OR EXISTS { MATCH (c)<-[e:EARNED]-() WHERE e.verificationStatus = 'VERIFIED' }),
  COLLECT { MATCH (c)-[t:TEACHES]->(s:Skill) RETURN [s.id, coalesce(t.level, 1)] },
  COLLECT { MATCH (e:Provider)-[:ENDORSES]->(c)
            RETURN [e.id, coalesce(e.accredited, false)] ORDER BY e.id }
]) AS rows
