// Merge (Provider)-[:ENDORSES]->(Credential) by uri; $rows: [{providerUri, credentialUri}].
UNWIND $rows AS row
MATCH (a:Provider {uri: row.providerUri})
MATCH (b:Credential {uri: row.credentialUri})
MERGE (a)-[x:ENDORSES]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created, {} AS props
REMOVE x._new
// include: bulk/_apply
