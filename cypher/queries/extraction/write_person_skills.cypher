// Add skills read from a person's CV; skills the person already declared are never touched.
MATCH (p:Person {id: $id})
UNWIND $rows AS row
MATCH (s:Skill {id: row.skillId})
MERGE (p)-[h:HAS_SKILL]->(s)
ON CREATE SET h.createdAt = datetime(), h.updatedAt = datetime(), h.level = row.level,
              h.source = 'SELF', h.extracted = true, h.confidence = row.confidence,
              h.evidence = row.evidence
RETURN count(h) AS linked
