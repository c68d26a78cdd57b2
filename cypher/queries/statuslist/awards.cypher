// The awards whose badge names this status list, with what judging them needs.
MATCH (p:Person)-[e:EARNED]->(c:Credential)
WHERE e.statusListUrl = $url
OPTIONAL MATCH (provider:Provider)-[:OFFERS]->(c)
RETURN provider.uri AS providerUri, elementId(e) AS award, p.id AS personId, c.id AS credentialId, e.status AS status,
       e.sourceId AS sourceId, e.statusListIndex AS index, e.statusPurpose AS purpose,
       e.verificationChecks AS checks
