// Records a refresh: when it began, the change token it began with (`begin`) and the
// market's trend windows.
MERGE (v:GraphVersion {name: 'signals'})
SET v += $props
RETURN v.computedAt AS computedAt
