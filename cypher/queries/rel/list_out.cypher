// Every (parent)-[r:__TYPE__]->(n:__CHILD__) for each parent id, by name (or title).
UNWIND $ids AS id
MATCH (:__PARENT__ {id: id})-[r:__TYPE__]->(n:__CHILD__)
RETURN id AS parentId, n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node, properties(r) AS rel
ORDER BY parentId, n.sortKey, n.id
