// Every role with its own and (postings) inherited requirements as [skill id, importance,
// level]; postings with when they were posted (their creation time without postedAt) and
// closed. Which requirement wins on a skill is decided by the caller.
MATCH (r:Role)
RETURN r.id AS id, coalesce(r.kind, 'OCCUPATION') AS kind,
       coalesce(r.postedAt, r.createdAt) AS postedAt, r.closedAt AS closedAt,
       COLLECT { MATCH (r)-[q:REQUIRES]->(s:Skill)
                 RETURN [s.id, coalesce(q.importance, 'ESSENTIAL'), coalesce(q.level, 1)] } AS own,
       COLLECT { MATCH (r)-[:SPECIALIZES]->(:Role)-[q:REQUIRES]->(s:Skill)
                 RETURN [s.id, coalesce(q.importance, 'ESSENTIAL'), coalesce(q.level, 1)] } AS inherited
