MATCH (n:Credential {id: $id})
RETURN COUNT { (n)<-[:EARNED]-() } AS earnedBy
