// Exactly one OFFERS edge: replaces any previous provider.
MATCH (c:Credential {id: $id})
MATCH (p:Provider {id: $providerId})
OPTIONAL MATCH (c)<-[old:OFFERS]-(:Provider)
DELETE old
WITH c, p
MERGE (p)-[:OFFERS]->(c)
RETURN p.id AS providerId
