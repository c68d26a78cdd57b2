// How many providers there are and the first 10 by sortKey then id, each with how
// many credentials it offers and the first 5 of them (same order). With no `after`, a page
// has a next page exactly when the total is larger than the page.
CALL () {
  MATCH (p:Provider)
  RETURN count(p) AS total
}
MATCH (p:Provider)
WHERE p.sortKey IS NOT NULL AND p.id IS NOT NULL
WITH total, p, p.sortKey AS key
ORDER BY key, p.id
LIMIT 10
CALL (p) {
  MATCH (p)-[:OFFERS]->(c:Credential)
  WITH c
  ORDER BY c.sortKey, c.id
  LIMIT 5
  RETURN collect({id: c.id, name: c.name}) AS offered
}
RETURN total, p.id AS id, p.name AS name,
       COUNT { (p)-[:OFFERS]->(:Credential) } AS offeredTotal, offered
ORDER BY key, id
