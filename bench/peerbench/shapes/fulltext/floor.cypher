// Skills the full-text index skill_text matches, first 50 by sortKey then id.
CALL db.index.fulltext.queryNodes('skill_text', $phrase) YIELD node
WITH node
ORDER BY node.sortKey, node.id
LIMIT 50
RETURN collect({id: node.id, name: node.name, type: node.type}) AS rows
