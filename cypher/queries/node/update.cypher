MATCH (n:__LABEL__ {id: $id})
SET n += $props, n.updatedAt = datetime()
SET n.sortKey = toLower(coalesce(n.name, n.title))
RETURN n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node
