// Idempotent write keyed by uri: creates with $id, or updates the existing node in place.
MERGE (n:__LABEL__ {uri: $uri})
ON CREATE SET n.id = $id, n.createdAt = datetime(), n.updatedAt = datetime(), n._new = true
SET n += $props, n.updatedAt = datetime()
SET n.sortKey = toLower(coalesce(n.name, n.title))
SET n.valueScore = CASE WHEN n:Credential THEN coalesce(n.valueScore, 0.0) END
WITH n, n._new IS NOT NULL AS created
REMOVE n._new
RETURN n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node, created
