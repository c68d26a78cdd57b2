CALL db.index.fulltext.queryNodes('role_text', $text) YIELD node
RETURN collect(node.id) AS ids
