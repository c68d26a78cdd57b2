// Merge (Person)-[:EARNED]->(Credential) by uri; $rows: [{personUri, credentialUri, ...}].
UNWIND $rows AS row
MATCH (a:Person {uri: row.personUri})
MATCH (b:Credential {uri: row.credentialUri})
MERGE (a)-[x:EARNED]->(b)
ON CREATE SET x.createdAt = datetime(), x._new = true
WITH x, x._new IS NOT NULL AS created,
     {issuedAt: datetime(row.issuedAt),
      expiresAt: CASE WHEN row.expiresAt IS NULL THEN null ELSE datetime(row.expiresAt) END,
      status: coalesce(row.status, 'ACTIVE'), evidenceUrl: row.evidenceUrl,
      verificationStatus: row.verificationStatus} AS props
REMOVE x._new
// include: bulk/_apply
