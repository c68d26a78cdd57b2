// Everyone holding a non-revoked award: which credentials, and which roles they now hold or
// target.
MATCH (p:Person)
WHERE EXISTS { MATCH (p)-[e:EARNED]->(:Credential) WHERE coalesce(e.status, 'ACTIVE') <> 'REVOKED' }
RETURN COLLECT { MATCH (p)-[e:EARNED]->(c:Credential)
                 WHERE coalesce(e.status, 'ACTIVE') <> 'REVOKED' RETURN c.id } AS credentials,
       COLLECT { MATCH (p)-[:TARGETS|HOLDS]->(r:Role) RETURN DISTINCT r.id } AS roles
