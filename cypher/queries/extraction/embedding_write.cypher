// Store (or replace) skill embeddings as float vectors (non-finite values are refused); the
// vector index picks them up.
UNWIND $rows AS row
MATCH (s:Skill {id: row.id})
MERGE (e:SkillEmbedding {skillId: row.id})
SET e.key = row.key, e.model = $model, e.updatedAt = datetime()
WITH e, row
CALL db.create.setNodeVectorProperty(e, 'vector', row.vector)
RETURN count(e) AS written
