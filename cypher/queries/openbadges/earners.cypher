// For each award row (by index), the id of the person it identifies, if any.
UNWIND range(0, size($rows) - 1) AS i
WITH i, $rows[i] AS row
OPTIONAL CALL (row) {
  MATCH (p:Person)
  WHERE p.uri IN row.subjectUris OR p.email IN row.emails
  RETURN p.id AS personId
  ORDER BY personId
  LIMIT 1
}
RETURN i, personId
