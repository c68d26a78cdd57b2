MATCH (r:Role {id: $id})
OPTIONAL MATCH (r)-[:SPECIALIZES]->(o:Role)
RETURN o.id AS occupationId
LIMIT 1
