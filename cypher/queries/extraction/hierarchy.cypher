// One BROADER hop up and down from each skill.
UNWIND $ids AS id
MATCH (s:Skill {id: id})
RETURN id,
       [(s)-[:BROADER]->(b:Skill) | b.id] AS broader,
       [(n:Skill)-[:BROADER]->(s) | n.id] AS narrower
