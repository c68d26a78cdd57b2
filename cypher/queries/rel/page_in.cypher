// One keyset page of children per parent, over (parent)<-[r:__TYPE__]-(n:__CHILD__),
// ordered by sortKey (the lower-cased name or title), then id, and limited per parent.
// $parents: [{id, afterKey, afterId}]; every parent of one call has the same $limit.
UNWIND $parents AS p
MATCH (parent:__PARENT__ {id: p.id})
CALL (parent, p) {
  MATCH (parent)<-[r:__TYPE__]-(n:__CHILD__)
  WHERE p.afterId IS NULL OR n.sortKey > p.afterKey OR (n.sortKey = p.afterKey AND n.id > p.afterId)
  WITH r, n ORDER BY n.sortKey, n.id LIMIT $limit
  RETURN collect({node: n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)}, key: n.sortKey, rel: properties(r)}) AS rows
}
RETURN p.id AS parentId, rows
