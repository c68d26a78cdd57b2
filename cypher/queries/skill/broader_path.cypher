// Would (narrower)-[:BROADER]->(broader) close a cycle? True when broader is already below.
MATCH (b:Skill {id: $broaderId}), (n:Skill {id: $narrowerId})
RETURN EXISTS { (b)-[:BROADER*1..50]->(n) } OR b = n AS cycle
