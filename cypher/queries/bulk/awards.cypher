// Merge (Person)-[:EARNED]->(Credential) by uri; $rows: [{personUri, credentialUri, ...}].
UNWIND $rows AS row
MATCH (a:Person {uri: row.personUri})
MATCH (b:Credential {uri: row.credentialUri})
MERGE (a)-[r:EARNED]->(b)
ON CREATE SET r.createdAt = datetime(), r._new = true
SET r.updatedAt = datetime(), r.issuedAt = datetime(row.issuedAt), r.expiresAt = CASE WHEN row.expiresAt IS NULL THEN null ELSE datetime(row.expiresAt) END, r.status = coalesce(row.status, 'ACTIVE'), r.evidenceUrl = row.evidenceUrl, r.verificationStatus = row.verificationStatus
WITH r, r._new IS NOT NULL AS created
REMOVE r._new
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, count(*) AS total
