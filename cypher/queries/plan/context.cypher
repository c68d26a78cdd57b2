// Everything a plan needs to start, in one round trip: the person ($personId) with their
// skill evidence, each role of $roleIds with its own and inherited (via SPECIALIZES)
// requirements (skills by id only), the currency most ACTIVE priced credentials use, the
// credentials teaching a required skill the plan may need (see plan/_teachers), and with
// $narrower the skills narrower than each required one. A required skill is left out of
// `wanted` (its teachers are not read) when no requirement on it has an importance in
// $importances, or when the person declares it at the level each such requirement asks:
// then it is no target, and should a prerequisite need it, a later round reads it. Costs
// are added in $currency, else the main currency. Whether awards count and which
// requirements are missing is decided by the domain code, not here. One row.
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
  RETURN collect({roleId: roleId, role: r {.*, createdAt: toString(r.createdAt),
                                             updatedAt: toString(r.updatedAt)},
                  requirements: requirements}) AS roles
}
CALL () {
  OPTIONAL MATCH (c:Credential {status: 'ACTIVE'})
  WHERE c.costCurrency IS NOT NULL
  WITH c.costCurrency AS currency, count(c) AS n
  ORDER BY n DESC, currency
  RETURN collect(currency)[0] AS mainCurrency
}
WITH p, declared, awards, roles, mainCurrency, coalesce($currency, mainCurrency) AS currency,
     reduce(all = [], role IN roles | all + role.requirements) AS requirements
WITH p, declared, awards, roles, mainCurrency, currency,
     reduce(ids = [], x IN requirements |
       CASE WHEN x.skill.id IN ids
              OR NOT coalesce(x.importance, 'ESSENTIAL') IN $importances
              OR any(d IN declared WHERE d.skillId = x.skill.id
                                     AND coalesce(d.level, 1) >= coalesce(x.level, 1))
            THEN ids ELSE ids + x.skill.id END) AS wanted,
     reduce(ids = [], x IN requirements |
       CASE WHEN x.skill.id IN ids THEN ids ELSE ids + x.skill.id END) AS required
CALL (wanted, currency) {
// include: plan/_teachers
}
// The gap judges every requirement, so with $narrower it needs what is below each.
CALL (required) {
  WITH required AS wanted
// include: plan/_narrower
}
// Timestamps as ISO 8601 text (see store.database.instant): far cheaper to receive.
RETURN p {.*, createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)} AS person,
       declared, awards, roles, mainCurrency, offers, asked, narrower
