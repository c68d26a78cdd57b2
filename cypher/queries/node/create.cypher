// Fails with a constraint error when the id or uri is taken (mapped to CONFLICT).
WITH datetime() AS now
CREATE (n:__LABEL__ {id: $id})
SET n += $props, n.uri = $uri, n.createdAt = now, n.updatedAt = now
SET n.sortKey = toLower(coalesce(n.name, n.title))
SET n.valueScore = CASE WHEN n:Credential THEN coalesce(n.valueScore, 0.0) END
RETURN n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS node
