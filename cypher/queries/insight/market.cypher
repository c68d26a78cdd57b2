// Skills by a stored statistic ($order), keyset over (value, id), highest first.
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
WITH n, CASE $order
  WHEN 'DEMAND' THEN toFloat(coalesce(n.statDemand, 0))
  WHEN 'SUPPLY' THEN toFloat(coalesce(n.statSupply, 0))
  WHEN 'SCARCITY' THEN coalesce(n.statScarcity, 0.0)
  WHEN 'CREDENTIALS' THEN toFloat(coalesce(n.statCredentials, 0))
  WHEN 'RISING' THEN coalesce(n.statTrendChange, 0.0)
  WHEN 'FALLING' THEN -coalesce(n.statTrendChange, 0.0)
  WHEN 'OVERSUPPLIED'
    THEN toFloat(coalesce(n.statCredentials, 0)) / (coalesce(n.statActivePostings, 0) + 1)
  WHEN 'UNDERSUPPLIED'
    THEN toFloat(coalesce(n.statActivePostings, 0)) / (coalesce(n.statGoodCredentials, 0) + 1)
END AS key
WHERE $afterId IS NULL OR key < $afterKey OR (key = $afterKey AND n.id > $afterId)
RETURN n {.*, createdAt: toString(n.createdAt), updatedAt: toString(n.updatedAt)} AS skill, key
ORDER BY key DESC, n.id
LIMIT $limit
