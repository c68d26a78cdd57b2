// Upsert skills by uri; $rows: [{uri, id, name, ...}].
UNWIND $rows AS row
MERGE (x:Skill {uri: row.uri})
ON CREATE SET x.id = row.id, x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created,
     {name: row.name, description: row.description, type: row.type,
      altLabels: coalesce(row.altLabels, []),
      sortKey: toLower(row.name)} AS props
REMOVE x._new
// include: bulk/_apply
