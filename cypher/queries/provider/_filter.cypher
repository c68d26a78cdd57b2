CALL () {
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('provider_text', text) YIELD node
  RETURN node AS n
  UNION
  WITH $text AS text WHERE text IS NULL
  MATCH (n:Provider)
  RETURN n
}
WITH n
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($accredited IS NULL OR n.accredited = $accredited)
