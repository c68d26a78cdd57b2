// Each person (one row per person found) with its skill evidence (see gap/_evidence).
UNWIND $ids AS id
MATCH (p:Person {id: id})
// include: gap/_evidence
RETURN id AS personId, p {.*, createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)} AS person,
       declared, awards
