// Replace a role's extracted requirements; requirements set by a person are never touched
// (an extracted one for the same skill is then skipped).
MATCH (r:Role {id: $id})
OPTIONAL MATCH (r)-[old:REQUIRES {extracted: true}]->(:Skill)
DELETE old
WITH DISTINCT r
UNWIND $rows AS row
MATCH (s:Skill {id: row.skillId})
MERGE (r)-[q:REQUIRES]->(s)
ON CREATE SET q.createdAt = datetime(), q.updatedAt = datetime(), q.importance = row.importance,
              q.level = row.level, q.extracted = true, q.confidence = row.confidence,
              q.evidence = row.evidence
RETURN count(q) AS linked
