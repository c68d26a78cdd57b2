MATCH (n:__LABEL__ {id: $id})
SET n += $props, n.updatedAt = datetime()
RETURN n {.*} AS node
