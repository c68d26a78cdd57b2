// One keyset page of children per parent, over (parent)-[r:__TYPE__]->(n:__CHILD__),
// ordered by lower-cased name (or title), then id. $parents: [{id, afterKey, afterId, limit}].
UNWIND $parents AS p
MATCH (parent:__PARENT__ {id: p.id})
CALL (parent, p) {
  MATCH (parent)-[r:__TYPE__]->(n:__CHILD__)
  WITH r, n, toLower(coalesce(n.name, n.title)) AS key
  WHERE p.afterId IS NULL OR key > p.afterKey OR (key = p.afterKey AND n.id > p.afterId)
  WITH r, n, key ORDER BY key, n.id
  WITH p, collect({node: n {.*}, key: key, rel: properties(r)}) AS all
  RETURN all[..p.limit] AS rows
}
RETURN p.id AS parentId, rows, COUNT { (parent)-[:__TYPE__]->(:__CHILD__) } AS total
