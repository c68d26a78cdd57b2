// Create or update the one (a)-[:__TYPE__]->(b); properties in $props replace the old ones.
MATCH (a:__FROM__ {id: $fromId})
MATCH (b:__TO__ {id: $toId})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r.createdAt = datetime()
SET r += $props, r.updatedAt = datetime()
RETURN a.id AS fromId
