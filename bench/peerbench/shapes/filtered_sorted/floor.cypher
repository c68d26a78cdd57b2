// ONLINE credentials priced in $currency at or below $maxCost, cheapest first (then id),
// first 20, with their provider and taught skills by sortKey then id. One record.
MATCH (c:Credential)
WHERE c.format = 'ONLINE' AND c.costCurrency = $currency AND c.costValue <= $maxCost
WITH c
ORDER BY c.costValue, c.id
LIMIT 20
RETURN collect({id: c.id, name: c.name, amount: c.costAmount, currency: c.costCurrency,
  provider: head(COLLECT { MATCH (p:Provider)-[:OFFERS]->(c) RETURN p.name }),
  teaches: COLLECT {
    MATCH (c)-[t:TEACHES]->(s:Skill)
    WITH t, s
    ORDER BY s.sortKey, s.id
    RETURN {level: t.level, name: s.name}
  }}) AS rows
