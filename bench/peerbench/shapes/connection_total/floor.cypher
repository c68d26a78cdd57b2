// How many providers there are, and the first 10 by sortKey then id, each with how many
// credentials it offers and the first 5 of them (same order). With no `after`, a page has a
// next page exactly when the total is larger than the page. One record.
CALL () {
  MATCH (p:Provider)
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Provider)
  WHERE p.sortKey IS NOT NULL AND p.id IS NOT NULL
  WITH p
  ORDER BY p.sortKey, p.id
  LIMIT 10
  RETURN collect({id: p.id, name: p.name,
    offeredTotal: COUNT { (p)-[:OFFERS]->(:Credential) },
    offered: COLLECT {
      MATCH (p)-[:OFFERS]->(c:Credential)
      WITH c
      ORDER BY c.sortKey, c.id
      LIMIT 5
      RETURN {id: c.id, name: c.name}
    }}) AS rows
}
RETURN total, rows
