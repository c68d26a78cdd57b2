MATCH (n:Provider {id: $id})
RETURN COUNT { (n)-[:OFFERS]->() } AS offers
