  // Credentials teaching one of `wanted`, or with $narrower a skill up to two BROADER hops
  // below one, and (two levels of prerequisites ahead, so most plans need no further round
  // trip) those teaching a skill one of them requires, and those teaching a skill one of
  // those requires; `asked` lists the skills covered so. Each comes
  // with what planning reads of it: status, cost, hours, format, what it teaches and
  // requires, and (only when $offeredBy) who offers and endorses it. Whether it may be a
  // candidate is decided by the caller, not here.
  CALL (wanted) {
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
    RETURN collect(DISTINCT c) AS first
  }
  CALL (wanted, first) {
    UNWIND (CASE WHEN $narrower THEN [] ELSE first END) AS c
    MATCH (c)-[:REQUIRES]->(s:Skill)
    WHERE NOT s.id IN wanted
    RETURN collect(DISTINCT s.id) AS ahead
  }
  CALL (ahead) {
    UNWIND ahead AS sid
    MATCH (:Skill {id: sid})<-[:TEACHES]-(c:Credential)
    RETURN collect(DISTINCT c) AS next
  }
  CALL (wanted, ahead, next) {
    UNWIND next AS c
    MATCH (c)-[:REQUIRES]->(s:Skill)
    WHERE NOT s.id IN wanted AND NOT s.id IN ahead
    RETURN collect(DISTINCT s.id) AS further
  }
  CALL (further) {
    UNWIND further AS sid
    MATCH (:Skill {id: sid})<-[:TEACHES]-(c:Credential)
    RETURN collect(c) AS last
  }
  CALL (first, next, last) {
    UNWIND first + next + last AS c
    WITH DISTINCT c
    ORDER BY c.id
    RETURN collect(
    {node: c {.id, .status, .costAmount, .costCurrency, .durationHours, .format},
     teaches: [(c)-[t:TEACHES]->(x:Skill) | {skillId: x.id, level: coalesce(t.level, 1)}],
     requires: [(c)-[q:REQUIRES]->(x:Skill) | {skillId: x.id, level: coalesce(q.level, 1)}],
     providers: CASE WHEN $offeredBy THEN [(v:Provider)-[:OFFERS]->(c) | v.id] ELSE [] END,
     accredited: $offeredBy AND EXISTS { (:Provider {accredited: true})-[:OFFERS]->(c) },
     endorsed: $offeredBy AND EXISTS { (:Provider)-[:ENDORSES]->(c) }}
    ) AS offers
  }
  RETURN offers, wanted + ahead + further AS asked
