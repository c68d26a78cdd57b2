// A skill's embedding, removed in the skill's own transaction when its labels changed and no
// model is available to recompute it (a stale vector would match the old labels).
MATCH (e:SkillEmbedding {skillId: $id})
DETACH DELETE e
