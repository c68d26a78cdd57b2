// The composite value score of each credential id in $ids (0 until refreshed).
UNWIND $ids AS id
MATCH (c:Credential {id: id})
RETURN id, coalesce(c.valueScore, 0.0) AS score
