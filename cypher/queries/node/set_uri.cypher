MATCH (n:__LABEL__ {id: $id})
SET n.uri = $uri, n.updatedAt = datetime()
RETURN n {.*} AS node
