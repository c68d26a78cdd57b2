// Embeddings of deleted skills, or of another model, are removed.
MATCH (e:SkillEmbedding)
WHERE e.model <> $model OR NOT EXISTS { MATCH (:Skill {id: e.skillId}) }
DETACH DELETE e
RETURN count(*) AS removed
