// What co-occurrence depends on: the REQUIRES count (count store, O(1)) and the bump token.
OPTIONAL MATCH (v:GraphVersion {name: 'requirements'})
RETURN COUNT { ()-[:REQUIRES]->() } AS requires, v.token AS token
