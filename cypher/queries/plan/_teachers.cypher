  // Credentials teaching one of `wanted`, or with $narrower a skill up to two BROADER hops
  // below one, and (three levels of prerequisites ahead, so most plans need no further
  // round trip) those teaching a skill a usable one of them requires, and so on twice more;
  // `asked` lists the skills whose teachers are all read so. Usable: what the
  // plan may take as far as status, $exclude and cost go (ACTIVE, not excluded, free or
  // priced in `currency`, or unpriced with $includeUnpriced); the caller judges the rest,
  // and lists the unusable ones as left out. Each comes with what planning reads of it:
  // status, cost, hours, format, what it teaches and requires, and (only when $offeredBy)
  // who offers and endorses it.
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
  CALL (wanted, first, currency) {
    UNWIND (CASE WHEN $narrower THEN [] ELSE first END) AS c
    WITH c
    WHERE c.status = 'ACTIVE' AND NOT c.id IN $exclude
      AND CASE WHEN c.costAmount IS NULL THEN $includeUnpriced
               ELSE toFloat(c.costAmount) = 0.0 OR c.costCurrency = currency END
    MATCH (c)-[:REQUIRES]->(s:Skill)
    WHERE NOT s.id IN wanted
    RETURN collect(DISTINCT s.id) AS ahead
  }
  CALL (ahead) {
    UNWIND ahead AS sid
    MATCH (:Skill {id: sid})<-[:TEACHES]-(c:Credential)
    RETURN collect(DISTINCT c) AS next
  }
  CALL (wanted, ahead, next, currency) {
    UNWIND next AS c
    WITH c
    WHERE c.status = 'ACTIVE' AND NOT c.id IN $exclude
      AND CASE WHEN c.costAmount IS NULL THEN $includeUnpriced
               ELSE toFloat(c.costAmount) = 0.0 OR c.costCurrency = currency END
    MATCH (c)-[:REQUIRES]->(s:Skill)
    WHERE NOT s.id IN wanted AND NOT s.id IN ahead
    RETURN collect(DISTINCT s.id) AS further
  }
  CALL (further) {
    UNWIND further AS sid
    MATCH (:Skill {id: sid})<-[:TEACHES]-(c:Credential)
    RETURN collect(DISTINCT c) AS third
  }
  CALL (wanted, ahead, further, third, currency) {
    UNWIND third AS c
    WITH c
    WHERE c.status = 'ACTIVE' AND NOT c.id IN $exclude
      AND CASE WHEN c.costAmount IS NULL THEN $includeUnpriced
               ELSE toFloat(c.costAmount) = 0.0 OR c.costCurrency = currency END
    MATCH (c)-[:REQUIRES]->(s:Skill)
    WHERE NOT s.id IN wanted AND NOT s.id IN ahead AND NOT s.id IN further
    RETURN collect(DISTINCT s.id) AS beyond
  }
  CALL (beyond) {
    UNWIND beyond AS sid
    MATCH (:Skill {id: sid})<-[:TEACHES]-(c:Credential)
    RETURN collect(c) AS last
  }
  CALL (first, next, third, last) {
    UNWIND first + next + third + last AS c
    WITH DISTINCT c
    ORDER BY c.id
    CALL (c) {
      OPTIONAL MATCH (v:Provider)-[:OFFERS]->(c)
      WHERE $offeredBy
      RETURN collect(v.id) AS providers, count(CASE WHEN v.accredited THEN v END) > 0 AS accredited
    }
    RETURN collect(
    {node: c {.id, .status, .costAmount, .costCurrency, .durationHours, .format},
     teaches: [(c)-[t:TEACHES]->(x:Skill) | {skillId: x.id, level: coalesce(t.level, 1)}],
     requires: [(c)-[q:REQUIRES]->(x:Skill) | {skillId: x.id, level: coalesce(q.level, 1)}],
     providers: providers,
     accredited: accredited,
     endorsed: COUNT { (e:Provider)-[:ENDORSES]->(c) WHERE $offeredBy } > 0}
    ) AS offers
  }
  RETURN offers, wanted + ahead + further + beyond AS asked
