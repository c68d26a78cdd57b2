// Marks the stored signals stale: run in every transaction whose writes can change them.
// A new token: a refresh that read the previous one (`begin`) is stale once this commits,
// whenever it commits. MERGE, so a write racing the first refresh is never missed.
MERGE (v:GraphVersion {name: 'signals'})
SET v.changedAt = datetime.transaction(), v.token = randomUUID()
