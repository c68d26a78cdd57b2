  // Credentials teaching one of `wanted`, or with $narrower a skill up to two BROADER hops
  // below one; each with what it teaches and requires and who offers and endorses it.
  // Whether it may be a candidate is decided by the caller, not here.
  CALL (wanted) {
    UNWIND wanted AS sid
    MATCH (:Skill {id: sid})<-[:TEACHES]-(c:Credential)
    RETURN c
    UNION
    UNWIND wanted AS sid
    MATCH (:Skill {id: sid})<-[:BROADER*1..2]-(:Skill)<-[:TEACHES]-(c:Credential)
    WHERE $narrower
    RETURN c
  }
  WITH DISTINCT c
  ORDER BY c.id
  RETURN collect(
  {node: c {.*},
   teaches: [(c)-[t:TEACHES]->(x:Skill) | {skillId: x.id, level: coalesce(t.level, 1)}],
   requires: [(c)-[q:REQUIRES]->(x:Skill) | {skillId: x.id, level: coalesce(q.level, 1)}],
   providers: [(v:Provider)-[:OFFERS]->(c) | v.id],
   accredited: EXISTS { (:Provider {accredited: true})-[:OFFERS]->(c) },
   endorsed: EXISTS { (:Provider)-[:ENDORSES]->(c) }}
  ) AS offers
