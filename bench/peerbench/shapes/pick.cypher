// The parameters of the shapes, picked from whatever graph is loaded (demo or synthetic):
// the credential teaching the most skills (by-id lookup), and the currency with the most
// ONLINE credentials at or below $maxCost (filtered root list). Ties by id and code.
CALL () {
  MATCH (c:Credential)
  WITH c, COUNT { (c)-[:TEACHES]->(:Skill) } AS n
  RETURN c.id AS credentialId ORDER BY n DESC, credentialId LIMIT 1
}
CALL () {
  MATCH (c:Credential {format: 'ONLINE'})
  WHERE c.costValue <= $maxCost AND c.costCurrency IS NOT NULL
  WITH c.costCurrency AS currency, count(*) AS n
  RETURN currency ORDER BY n DESC, currency LIMIT 1
}
RETURN credentialId, currency
