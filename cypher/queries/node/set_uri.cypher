MATCH (n:__LABEL__ {id: $id})
SET n.uri = $uri, n.updatedAt = datetime()
RETURN n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node
