MATCH (:Person {id: $personId})-[e:EARNED]->(:Credential {id: $credentialId})
SET e.status = 'REVOKED', e.revokedAt = datetime(), e.updatedAt = datetime()
RETURN count(e) AS revoked
