// Replace a credential's extracted TEACHES links; links set by a person are never touched.
MATCH (c:Credential {id: $id})
OPTIONAL MATCH (c)-[old:TEACHES {extracted: true}]->(:Skill)
DELETE old
WITH DISTINCT c
UNWIND $rows AS row
MATCH (s:Skill {id: row.skillId})
MERGE (c)-[t:TEACHES]->(s)
ON CREATE SET t.createdAt = datetime(), t.updatedAt = datetime(), t.level = row.level,
              t.extracted = true, t.confidence = row.confidence, t.evidence = row.evidence
RETURN count(t) AS linked
