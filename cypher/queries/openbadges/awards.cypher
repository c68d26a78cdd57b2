UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (c:Credential {uri: row.credentialUri})
MERGE (p)-[e:EARNED]->(c)
ON CREATE SET e.createdAt = datetime()
SET e.issuedAt = row.issuedAt, e.expiresAt = row.expiresAt, e.status = row.status,
    e.evidenceUrl = coalesce(row.evidenceUrl, e.evidenceUrl), e.sourceId = row.sourceId,
    e.updatedAt = datetime()
RETURN count(*) AS total
