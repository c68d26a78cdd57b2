// Everything a plan needs to start, in one round trip: the person ($personId) with their
// skill evidence, each role of $roleIds with its own and inherited (via SPECIALIZES)
// requirements (skills by id only), the currency most ACTIVE priced credentials use, the
// credentials teaching any required skill (see plan/_teachers), and with $narrower the
// skills narrower than each required one. Whether awards count and which requirements are
// missing is decided by the domain code, not here. One row.
OPTIONAL MATCH (p:Person {id: $personId})
// include: gap/_evidence
CALL () {
  UNWIND $roleIds AS roleId
  OPTIONAL MATCH (r:Role {id: roleId})
  CALL (r) {
    OPTIONAL MATCH (r)-[q:REQUIRES]->(s:Skill)
    RETURN s, q, false AS inherited
    UNION
    OPTIONAL MATCH (r)-[:SPECIALIZES]->(:Role)-[q:REQUIRES]->(s:Skill)
    RETURN s, q, true AS inherited
  }
  WITH roleId, r, collect(CASE WHEN s IS NULL THEN null
                          ELSE {skill: s {.id}, importance: q.importance, level: q.level,
                                inherited: inherited} END) AS requirements
  RETURN collect({roleId: roleId, role: r {.*}, requirements: requirements}) AS roles,
         collect(DISTINCT [x IN requirements | x.skill.id]) AS skillLists
}
CALL () {
  OPTIONAL MATCH (c:Credential {status: 'ACTIVE'})
  WHERE c.costCurrency IS NOT NULL
  WITH c.costCurrency AS currency, count(c) AS n
  ORDER BY n DESC, currency
  RETURN collect(currency)[0] AS mainCurrency
}
WITH p, declared, awards, roles, mainCurrency,
     reduce(all = [], list IN skillLists | all + [x IN list WHERE NOT x IN all]) AS wanted
CALL (wanted) {
// include: plan/_teachers
}
CALL (wanted) {
// include: plan/_narrower
}
RETURN p {.*} AS person, declared, awards, roles, mainCurrency, offers, asked, narrower
