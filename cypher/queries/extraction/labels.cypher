// Every skill's labels (and description, for the labels' specificity), for the lexical
// stage's automaton.
MATCH (s:Skill)
RETURN s.id AS id, s.name AS name, coalesce(s.altLabels, []) AS altLabels, s.type AS type,
       s.description AS description
