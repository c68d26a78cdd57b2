// The $k skills nearest to each passage vector. Neo4j's cosine score is (1 + cos) / 2.
UNWIND range(0, size($vectors) - 1) AS i
CALL db.index.vector.queryNodes('skill_embedding', $k, $vectors[i]) YIELD node, score
WITH i, node, score WHERE node.model = $model
MATCH (s:Skill {id: node.skillId})
RETURN i AS passage, s.id AS skillId, 2 * score - 1 AS cosine
