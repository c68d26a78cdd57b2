// The relationships a credential's write input carries (for merging an update).
MATCH (c:Credential {id: $id})
OPTIONAL MATCH (p:Provider)-[:OFFERS]->(c)
RETURN p.id AS providerId
LIMIT 1
