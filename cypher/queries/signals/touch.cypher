// Marks the stored signals stale: run in every transaction whose write can change them.
MERGE (v:GraphVersion {name: 'signals'})
SET v.changedAt = datetime.transaction()
