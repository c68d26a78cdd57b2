// RELATED links in either direction; `outgoing` says which way the stored link points.
UNWIND $ids AS id
MATCH (s:Skill {id: id})-[r:RELATED]-(n:Skill)
RETURN id AS parentId, n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node, properties(r) AS rel, startNode(r) = s AS outgoing
ORDER BY parentId, n.sortKey, n.id
