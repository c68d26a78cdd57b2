// Upsert providers by uri; $rows: [{uri, id, name, ...}].
UNWIND $rows AS row
MERGE (x:Provider {uri: row.uri})
ON CREATE SET x.id = row.id, x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created,
     {name: row.name, kind: row.kind, url: row.url, country: row.country,
      accredited: coalesce(row.accredited, false),
      accreditations: coalesce(row.accreditations, []), altLabels: coalesce(row.altLabels, []),
      sortKey: toLower(row.name)} AS props
REMOVE x._new
// include: bulk/_apply
