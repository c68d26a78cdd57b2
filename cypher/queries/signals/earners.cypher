// Everyone MATCHABLE or PUBLIC holding a non-revoked award, as [credential ids, role ids they
// now hold or target]. PRIVATE people ("only the person and admins") never count: their
// awards, targets and held roles stay out of every outcome. One record.
MATCH (p:Person)
WHERE coalesce(p.visibility, 'PRIVATE') <> 'PRIVATE'
  AND EXISTS { MATCH (p)-[e:EARNED]->(:Credential) WHERE coalesce(e.status, 'ACTIVE') <> 'REVOKED' }
RETURN collect([
  COLLECT { MATCH (p)-[e:EARNED]->(c:Credential)
            WHERE coalesce(e.status, 'ACTIVE') <> 'REVOKED' RETURN c.id },
  COLLECT { MATCH (p)-[:TARGETS|HOLDS]->(r:Role) RETURN DISTINCT r.id }
]) AS rows
