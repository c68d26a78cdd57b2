// Store (or replace) skill embeddings; the vector index picks them up.
UNWIND $rows AS row
MATCH (s:Skill {id: row.id})
MERGE (e:SkillEmbedding {skillId: row.id})
SET e.vector = row.vector, e.key = row.key, e.model = $model, e.updatedAt = datetime()
RETURN count(e) AS written
