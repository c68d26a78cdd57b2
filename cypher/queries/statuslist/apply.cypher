// New verification (and revocation) of awards after a status list import.
UNWIND $rows AS row
MATCH ()-[e:EARNED]->()
WHERE elementId(e) = row.award
SET e.verificationStatus = row.verificationStatus, e.verificationChecks = row.verificationChecks,
    e.verifiedAt = row.verifiedAt, e.updatedAt = datetime()
FOREACH (_ IN CASE WHEN row.revoked AND e.status <> 'REVOKED' THEN [1] ELSE [] END |
  SET e.status = 'REVOKED', e.revokedAt = row.verifiedAt, e.revokedReason = row.reason,
      e.revokedSeenAt = row.verifiedAt)
RETURN count(e) AS updated, sum(CASE WHEN row.revoked THEN 1 ELSE 0 END) AS revoked
