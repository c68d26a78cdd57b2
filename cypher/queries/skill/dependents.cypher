// What still points at a skill (deleting it needs cascade when any is non-zero).
MATCH (n:Skill {id: $id})
RETURN COUNT { (n)<-[:TEACHES]-() } AS taughtBy,
       COUNT { (n)<-[:REQUIRES]-(:Credential) } AS prerequisiteOf,
       COUNT { (n)<-[:REQUIRES]-(:Role) } AS requiredBy,
       COUNT { (n)<-[:HAS_SKILL]-() } AS heldBy,
       COUNT { (n)<-[:BROADER]-() } AS narrower
