// Each role (one row per role found) with its own and inherited (via SPECIALIZES)
// requirement rows, each with the skill (a light record), ordered by its sortKey then id.
UNWIND $ids AS id
MATCH (r:Role {id: id})
CALL (r) {
  CALL (r) {
    MATCH (r)-[q:REQUIRES]->(s:Skill)
    RETURN s, q, false AS inherited
    UNION
    MATCH (r)-[:SPECIALIZES]->(:Role)-[q:REQUIRES]->(s:Skill)
    RETURN s, q, true AS inherited
  }
  WITH s, q, inherited ORDER BY s.sortKey, s.id
  RETURN collect({
    // A light record: the long text fields (description, altLabels) are left out.
    skill: s {.id, .uri, .name, .type, .sortKey,
              createdAt: toString(s.createdAt), updatedAt: toString(s.updatedAt)},
    importance: q.importance, level: q.level, inherited: inherited,
    extracted: coalesce(q.extracted, false), confidence: q.confidence}) AS requirements
}
RETURN id AS roleId, r {.*, createdAt: toString(r.createdAt), updatedAt: toString(r.updatedAt)} AS role,
       requirements
