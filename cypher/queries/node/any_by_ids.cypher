// The nodes with these ids, whatever their type (the id's prefix names it, so each id is
// looked up under one label, through that label's unique id index).
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Skill {id: id}) WHERE id STARTS WITH 'skill_' RETURN n
  UNION
  MATCH (n:Credential {id: id}) WHERE id STARTS WITH 'cred_' RETURN n
  UNION
  MATCH (n:Provider {id: id}) WHERE id STARTS WITH 'prov_' RETURN n
  UNION
  MATCH (n:Role {id: id}) WHERE id STARTS WITH 'role_' RETURN n
  UNION
  MATCH (n:Person {id: id}) WHERE id STARTS WITH 'person_' RETURN n
}
RETURN id, n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node
