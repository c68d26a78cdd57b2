// Store an imported (and verified) status list; a newer import replaces it.
MERGE (s:StatusList {url: $row.url})
ON CREATE SET s.createdAt = datetime()
SET s.kind = $row.kind, s.purpose = $row.purpose, s.issuer = $row.issuer,
    s.encodedList = $row.encodedList, s.revoked = $row.revoked,
    s.verificationStatus = $row.verificationStatus, s.verificationChecks = $row.verificationChecks,
    s.importedAt = $row.importedAt, s.updatedAt = datetime()
RETURN s.url AS url
