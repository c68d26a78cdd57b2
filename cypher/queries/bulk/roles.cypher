// Upsert roles by uri; $rows: [{uri, id, title, ...}].
UNWIND $rows AS row
MERGE (x:Role {uri: row.uri})
ON CREATE SET x.id = row.id, x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created,
     {title: row.title, description: row.description, kind: row.kind, iscoGroup: row.iscoGroup,
      employer: row.employer, location: row.location, remote: row.remote,
      altLabels: coalesce(row.altLabels, []),
      postedAt: CASE WHEN row.postedAt IS NULL THEN null ELSE datetime(row.postedAt) END,
      closedAt: CASE WHEN row.closedAt IS NULL THEN null ELSE datetime(row.closedAt) END,
      sortKey: toLower(row.title)} AS props
REMOVE x._new
// include: bulk/_apply
