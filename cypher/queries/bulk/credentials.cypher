// Upsert credentials by uri, each offered by exactly the provider with row.providerUri.
UNWIND $rows AS row
MATCH (p:Provider {uri: row.providerUri})
MERGE (n:Credential {uri: row.uri})
ON CREATE SET n.id = row.id, n.createdAt = datetime(), n._new = true
SET n.name = row.name, n.description = row.description, n.kind = row.kind,
    n.costAmount = row.costAmount, n.costCurrency = row.costCurrency,
    n.costValue = CASE WHEN row.costAmount IS NULL THEN null ELSE toFloat(row.costAmount) END,
    n.durationHours = row.durationHours, n.format = row.format,
    n.validityMonths = row.validityMonths, n.url = row.url, n.status = row.status,
    n.altLabels = coalesce(row.altLabels, []), n.updatedAt = datetime(),
    n.sortKey = toLower(row.name)
WITH n, p, n._new IS NOT NULL AS created
REMOVE n._new
WITH n, p, created
OPTIONAL MATCH (other:Provider)-[old:OFFERS]->(n) WHERE other <> p
DELETE old
MERGE (p)-[:OFFERS]->(n)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
