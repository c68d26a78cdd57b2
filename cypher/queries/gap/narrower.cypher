// Skills narrower than each given skill, up to two BROADER hops below it.
UNWIND $ids AS id
MATCH (:Skill {id: id})<-[:BROADER*1..2]-(n:Skill)
RETURN id AS skillId, collect(DISTINCT n.id) AS narrower
