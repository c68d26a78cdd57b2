// (fragment) Everything that can make person `p` hold a skill: `declared` HAS_SKILL rows and
// `awards`, each with the skills its credential teaches. Whether an award counts (status,
// expiry, asOf) is decided by the domain code, not here. $relevant (null: all) narrows both
// to those skill ids, for callers that judge only some skills. Award times come as ISO 8601
// text (cheaper to receive than driver DateTimes).
CALL (p) {
  OPTIONAL MATCH (p)-[h:HAS_SKILL]->(s:Skill)
  WHERE $relevant IS NULL OR s.id IN $relevant
  RETURN collect(CASE WHEN s IS NULL THEN null
                 ELSE {skillId: s.id, level: h.level, source: h.source} END) AS declared
}
CALL (p) {
  OPTIONAL MATCH (p)-[e:EARNED]->(c:Credential)
  CALL (c) {
    OPTIONAL MATCH (c)-[t:TEACHES]->(ts:Skill)
    WHERE $relevant IS NULL OR ts.id IN $relevant
    RETURN collect(CASE WHEN ts IS NULL THEN null ELSE {skillId: ts.id, level: t.level} END) AS taught
  }
  RETURN collect(CASE WHEN c IS NULL THEN null
                 ELSE {credentialId: c.id, status: e.status, issuedAt: toString(e.issuedAt),
                       expiresAt: toString(e.expiresAt), verificationStatus: e.verificationStatus,
                       taught: taught} END) AS awards
}
