// When signals were last computed and last made stale, whether a write committed since the
// refresh began (the change token moved), and the market's trend windows.
OPTIONAL MATCH (v:GraphVersion {name: 'signals'})
RETURN v.computedAt AS computedAt, v.changedAt AS changedAt,
       v.computedAt IS NOT NULL AND v.token = v.computedToken AS fresh,
       v.trendStart AS trendStart, v.trendSplit AS trendSplit, v.trendEnd AS trendEnd,
       datetime.transaction() AS now
