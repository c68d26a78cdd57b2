// Stores each skill's market trend and active demand: $rows [{id, props}].
UNWIND $rows AS row
MATCH (s:Skill {id: row.id})
SET s += row.props
RETURN count(*) AS total
