// Records a refresh: when its inputs were read and the market's trend windows.
MERGE (v:GraphVersion {name: 'signals'})
SET v += $props
RETURN v.computedAt AS computedAt
