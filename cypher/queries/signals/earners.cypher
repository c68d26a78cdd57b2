// Everyone holding a non-revoked award, as [credential ids, role ids they now hold or
// target]. One record.
MATCH (p:Person)
WHERE EXISTS { MATCH (p)-[e:EARNED]->(:Credential) WHERE coalesce(e.status, 'ACTIVE') <> 'REVOKED' }
RETURN collect([
  COLLECT { MATCH (p)-[e:EARNED]->(c:Credential)
            WHERE coalesce(e.status, 'ACTIVE') <> 'REVOKED' RETURN c.id },
  COLLECT { MATCH (p)-[:TARGETS|HOLDS]->(r:Role) RETURN DISTINCT r.id }
]) AS rows
