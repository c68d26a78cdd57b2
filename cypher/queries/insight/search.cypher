// Full-text hits over the catalogue's indexes; $indexes picks which (from an enum).
UNWIND $indexes AS index
CALL db.index.fulltext.queryNodes(index, $text, {limit: $limit}) YIELD node, score
RETURN index, node {.*, createdAt: toString(node.createdAt), updatedAt: toString(node.updatedAt)} AS node, score
ORDER BY score DESC, node.id
LIMIT $limit
