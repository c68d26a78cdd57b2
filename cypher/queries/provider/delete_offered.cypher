// Cascade: a provider's credentials cannot exist without it.
MATCH (:Provider {id: $id})-[:OFFERS]->(c:Credential)
DETACH DELETE c
RETURN count(*) AS deleted
