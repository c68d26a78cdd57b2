// ONLINE credentials priced in $currency at or below $maxCost, cheapest first (then id),
// first 20, with their provider and taught skills by sortKey then id.
MATCH (c:Credential)
WHERE c.format = 'ONLINE' AND c.costCurrency = $currency AND c.costValue <= $maxCost
WITH c
ORDER BY c.costValue, c.id
LIMIT 20
CALL (c) {
  MATCH (c)-[t:TEACHES]->(s:Skill)
  WITH t, s
  ORDER BY s.sortKey, s.id
  RETURN collect({level: t.level, name: s.name}) AS teaches
}
RETURN c.id AS id, c.name AS name, c.costAmount AS amount, c.costCurrency AS currency,
       [(p:Provider)-[:OFFERS]->(c) | p.name][0] AS provider, teaches
ORDER BY c.costValue, id
