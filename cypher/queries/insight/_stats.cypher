// The market statistics of skill `s`: demand, essential, postings, verified, declared.
CALL (s) {
  OPTIONAL MATCH (:Role)-[q:REQUIRES]->(s)
  RETURN count(q) AS demand, sum(CASE WHEN q.importance = 'ESSENTIAL' THEN 1 ELSE 0 END) AS essential
}
CALL (s) {
  CALL (s) {
    MATCH (p:Role {kind: 'JOB_POSTING'})-[:REQUIRES]->(s)
    RETURN p
    UNION
    MATCH (p:Role {kind: 'JOB_POSTING'})-[:SPECIALIZES]->(:Role)-[:REQUIRES]->(s)
    RETURN p
  }
  RETURN count(p) AS postings
}
CALL (s) {
  OPTIONAL MATCH (p:Person)-[e:EARNED]->(:Credential)-[:TEACHES]->(s)
  WHERE e.status = 'ACTIVE' AND (e.expiresAt IS NULL OR e.expiresAt > datetime())
    AND e.issuedAt <= datetime()
  RETURN collect(DISTINCT p) AS verified
}
CALL (s, verified) {
  OPTIONAL MATCH (p:Person)-[:HAS_SKILL]->(s) WHERE NOT p IN verified
  RETURN count(DISTINCT p) AS declared
}
