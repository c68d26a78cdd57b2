// Starts a refresh: the current change token (every write committed before this one is
// visible to the refresh's later reads) and the database clock.
MERGE (v:GraphVersion {name: 'signals'})
ON CREATE SET v.token = randomUUID()
RETURN v.token AS token, datetime.transaction() AS now
