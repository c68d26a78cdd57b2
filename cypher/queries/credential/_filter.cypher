MATCH (n:Credential)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($formats IS NULL OR n.format IN $formats)
  AND ($statuses IS NULL OR n.status IN $statuses)
  AND ($maxHours IS NULL OR n.durationHours <= $maxHours)
  AND ($maxCostCurrency IS NULL
       OR (n.costCurrency = $maxCostCurrency AND n.costValue <= $maxCostValue))
  AND ($providers IS NULL OR EXISTS { MATCH (p:Provider)-[:OFFERS]->(n) WHERE p.id IN $providers })
  AND ($teaches IS NULL
       OR ($teachesAll AND all(sid IN $teaches WHERE EXISTS { (n)-[:TEACHES]->(:Skill {id: sid}) }))
       OR (NOT $teachesAll AND EXISTS { MATCH (n)-[:TEACHES]->(s:Skill) WHERE s.id IN $teaches }))
