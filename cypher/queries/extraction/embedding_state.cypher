// Each skill with what its embedding was computed from (null: none yet).
MATCH (s:Skill)
OPTIONAL MATCH (e:SkillEmbedding {skillId: s.id})
RETURN s.id AS id, s.name AS name, coalesce(s.altLabels, []) AS altLabels,
       s.description AS description, e.key AS key
ORDER BY s.id
