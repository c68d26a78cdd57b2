// Postings per period ($unit: 'month' or 'quarter', in UTC) posted in [$from, $to): all of
// them (totals), and per skill id in $ids those whose effective requirements (own or
// inherited) include the skill. A posting without postedAt counts when it was created.
CALL () {
  MATCH (p:Role {kind: 'JOB_POSTING'})
  WITH coalesce(p.postedAt, p.createdAt) AS at WHERE at >= $from AND at < $to
  WITH date.truncate($unit, datetime({datetime: at, timezone: 'UTC'})) AS period, count(*) AS n
  RETURN collect([period, n]) AS totals
}
UNWIND $ids AS id
OPTIONAL MATCH (s:Skill {id: id})
CALL (s) {
  CALL (s) {
    MATCH (p:Role {kind: 'JOB_POSTING'})-[:REQUIRES]->(s) RETURN p
    UNION
    MATCH (p:Role {kind: 'JOB_POSTING'})-[:SPECIALIZES]->(:Role)-[:REQUIRES]->(s) RETURN p
  }
  WITH coalesce(p.postedAt, p.createdAt) AS at WHERE at >= $from AND at < $to
  WITH date.truncate($unit, datetime({datetime: at, timezone: 'UTC'})) AS period, count(*) AS n
  RETURN collect([period, n]) AS counts
}
RETURN id, s IS NOT NULL AS found, counts, totals
