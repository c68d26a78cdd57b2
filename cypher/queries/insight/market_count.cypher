CALL () {
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('skill_text', text) YIELD node
  RETURN node AS n
  UNION
  WITH $text AS text WHERE text IS NULL
  MATCH (n:Skill)
  RETURN n
}
WITH n WHERE $type IS NULL OR n.type = $type
RETURN count(n) AS total
