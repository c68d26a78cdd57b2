// EARNED from credential documents, with the badge's verification and status entry. An award
// the badge's status list revokes is written REVOKED, with the reason and when it was seen.
// A badge that FAILED verification never replaces a VERIFIED award of the same credential.
UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (c:Credential {uri: row.credentialUri})
MERGE (p)-[e:EARNED]->(c)
ON CREATE SET e.createdAt = datetime()
WITH e, row
WHERE NOT (row.verificationStatus = 'FAILED' AND coalesce(e.verificationStatus, '') = 'VERIFIED')
SET e.issuedAt = row.issuedAt, e.expiresAt = row.expiresAt, e.status = row.status,
    e.evidenceUrl = coalesce(row.evidenceUrl, e.evidenceUrl), e.sourceId = row.sourceId,
    e.verificationStatus = row.verificationStatus, e.verificationChecks = row.verificationChecks,
    e.verifiedAt = row.verifiedAt, e.statusListUrl = row.statusListUrl,
    e.statusListIndex = row.statusListIndex, e.statusPurpose = row.statusPurpose,
    e.revokedReason = row.revokedReason, e.revokedSeenAt = row.revokedSeenAt,
    e.revokedAt = CASE WHEN row.status = 'REVOKED' THEN coalesce(e.revokedAt, row.revokedSeenAt)
                  ELSE null END,
    e.updatedAt = datetime()
RETURN count(*) AS total
