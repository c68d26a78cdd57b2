// Stores each credential's value signals: $rows [{id, props}] (a null prop is removed).
UNWIND $rows AS row
MATCH (c:Credential {id: row.id})
SET c += row.props
RETURN count(*) AS total
