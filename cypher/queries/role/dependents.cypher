MATCH (n:Role {id: $id})
RETURN COUNT { (n)<-[:SPECIALIZES]-() } AS postings,
       COUNT { (n)<-[:TARGETS]-() } AS targetedBy,
       COUNT { (n)<-[:HOLDS]-() } AS heldBy
