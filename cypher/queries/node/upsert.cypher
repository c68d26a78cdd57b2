// Idempotent write keyed by uri: creates with $id, or updates the existing node in place.
MERGE (n:__LABEL__ {uri: $uri})
ON CREATE SET n.id = $id, n.createdAt = datetime(), n.updatedAt = datetime()
SET n += $props, n.updatedAt = datetime()
RETURN n {.*} AS node, n.id = $id AS created
