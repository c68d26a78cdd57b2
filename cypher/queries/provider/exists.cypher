MATCH (p:Provider {id: $id})
RETURN p.id AS id
