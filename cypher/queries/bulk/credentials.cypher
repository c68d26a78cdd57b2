// Upsert credentials by uri, each offered by exactly the provider with row.providerUri.
// Like bulk/_apply, but a move to another provider also counts as a change.
UNWIND $rows AS row
MATCH (p:Provider {uri: row.providerUri})
MERGE (x:Credential {uri: row.uri})
ON CREATE SET x.id = row.id, x.createdAt = datetime(), x._new = true, x.valueScore = 0.0
WITH x, p, x._new IS NOT NULL AS created,
     {name: row.name, description: row.description, kind: row.kind,
      costAmount: row.costAmount, costCurrency: row.costCurrency,
      costValue: CASE WHEN row.costAmount IS NULL THEN null ELSE toFloat(row.costAmount) END,
      durationHours: row.durationHours, format: row.format,
      validityMonths: row.validityMonths, url: row.url, status: row.status,
      altLabels: coalesce(row.altLabels, []),
      sortKey: toLower(row.name)} AS props
REMOVE x._new
WITH x, p, created, props,
     created OR NOT EXISTS { (p)-[:OFFERS]->(x) }
     OR any(k IN keys(props)
            WHERE NOT coalesce(x[k] = props[k], x[k] IS NULL AND props[k] IS NULL)) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET x += props, x.updatedAt = datetime())
WITH x, p, created, changed
OPTIONAL MATCH (other:Provider)-[old:OFFERS]->(x) WHERE other <> p
DELETE old
MERGE (p)-[:OFFERS]->(x)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed AND NOT created THEN 1 ELSE 0 END) AS updated, count(*) AS total
