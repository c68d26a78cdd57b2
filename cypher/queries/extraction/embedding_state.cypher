// Each skill (all, or those with an id in $ids) with what its embedding was computed from
// (key null: none yet).
MATCH (s:Skill)
WHERE $ids IS NULL OR s.id IN $ids
OPTIONAL MATCH (e:SkillEmbedding {skillId: s.id})
RETURN s.id AS id, s.name AS name, coalesce(s.altLabels, []) AS altLabels,
       s.description AS description, e.key AS key
ORDER BY s.id
