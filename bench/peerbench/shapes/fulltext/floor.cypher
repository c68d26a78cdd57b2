// Skills the full-text index skill_text matches, first 50 by sortKey then id.
CALL db.index.fulltext.queryNodes('skill_text', $phrase) YIELD node
WITH node, node.sortKey AS key
ORDER BY key, node.id
LIMIT 50
RETURN node.id AS id, node.name AS name, node.type AS type
