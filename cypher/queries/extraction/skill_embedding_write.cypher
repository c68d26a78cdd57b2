// One skill's embedding, written in the skill's own transaction. It is kept only while the
// skill's labels are those it was computed from; otherwise (a concurrent change) the
// embedding is removed, and `skillgraph embeddings refresh` recomputes it.
MATCH (s:Skill {id: $id})
WITH s, s.name = $name AND coalesce(s.altLabels, []) = $altLabels AS current
MERGE (e:SkillEmbedding {skillId: $id})
SET e.key = $key, e.model = $model, e.updatedAt = datetime()
WITH e, current
CALL db.create.setNodeVectorProperty(e, 'vector', $vector)
WITH e, current WHERE NOT current
DETACH DELETE e
