// Marks that role requirements changed (invalidates cached co-occurrence).
MERGE (v:GraphVersion {name: 'requirements'})
SET v.token = randomUUID()
RETURN v.token AS token
