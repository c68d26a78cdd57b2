// Every role as [id, kind, postedAt, closedAt, own, occupationId]: its own requirements as
// [skill id, importance, level] and the occupation it specialises (postings), whose own
// requirements it inherits; postedAt is the creation time without postedAt. One record
// (a collected list decodes far faster than one record per role).
MATCH (r:Role)
RETURN collect([
  r.id, coalesce(r.kind, 'OCCUPATION'), coalesce(r.postedAt, r.createdAt), r.closedAt,
  COLLECT { MATCH (r)-[q:REQUIRES]->(s:Skill)
            RETURN [s.id, coalesce(q.importance, 'ESSENTIAL'), coalesce(q.level, 1)] },
  head(COLLECT { MATCH (r)-[:SPECIALIZES]->(o:Role) RETURN o.id ORDER BY o.id })
]) AS rows
