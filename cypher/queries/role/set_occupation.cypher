// A posting specialises at most one occupation; null removes it.
MATCH (r:Role {id: $id})
OPTIONAL MATCH (r)-[old:SPECIALIZES]->(:Role)
DELETE old
WITH r
OPTIONAL MATCH (o:Role {id: $occupationId, kind: 'OCCUPATION'})
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | MERGE (r)-[:SPECIALIZES]->(o))
RETURN o IS NOT NULL AS linked
