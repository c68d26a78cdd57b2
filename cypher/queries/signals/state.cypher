// When signals were last computed and last made stale, and the market's trend windows.
OPTIONAL MATCH (v:GraphVersion {name: 'signals'})
RETURN v.computedAt AS computedAt, v.changedAt AS changedAt, v.trendStart AS trendStart,
       v.trendSplit AS trendSplit, v.trendEnd AS trendEnd, datetime.transaction() AS now
