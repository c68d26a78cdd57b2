  // With $narrower, the skills up to two BROADER hops below each of `wanted`.
  UNWIND CASE WHEN $narrower THEN wanted ELSE [] END AS sid
  MATCH (:Skill {id: sid})<-[:BROADER*1..2]-(n:Skill)
  WITH sid, collect(DISTINCT n.id) AS below
  RETURN collect({skillId: sid, narrower: below}) AS narrower
