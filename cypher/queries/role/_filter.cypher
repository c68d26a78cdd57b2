CALL () {
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('role_text', text) YIELD node
  RETURN node AS n
  UNION
  WITH $text AS text WHERE text IS NULL
  MATCH (n:Role)
  RETURN n
}
WITH n
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($employer IS NULL OR toLower(n.employer) = toLower($employer))
  AND ($requiresSkill IS NULL
       OR EXISTS { (n)-[:REQUIRES]->(:Skill {id: $requiresSkill}) }
       OR EXISTS { (n)-[:SPECIALIZES]->(:Role)-[:REQUIRES]->(:Skill {id: $requiresSkill}) })
