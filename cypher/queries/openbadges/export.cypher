// What an Open Badges Achievement needs, per credential id.
UNWIND $ids AS id
MATCH (c:Credential {id: id})
OPTIONAL MATCH (p:Provider)-[:OFFERS]->(c)
CALL (c) {
  OPTIONAL MATCH (c)-[t:TEACHES]->(s:Skill)
  WITH s, t ORDER BY toLower(s.name), s.id
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {id: s.id, uri: s.uri, name: s.name} END) AS teaches
}
RETURN id, c {.*, createdAt: toString(c.createdAt), updatedAt: toString(c.updatedAt)} AS credential, p {.*, createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)} AS provider, teaches
