// One round trip per extraction: what the cached lexicon depends on (the skills' count and
// latest change) and, for each passage vector, the $k nearest skills of model $model whose
// score passes $floor (Neo4j's cosine score is (1 + cos) / 2), as [passage, skillId, cos].
// `embedded` is false only when vectors were sent and no embedding of the model exists.
OPTIONAL CALL () {
  MATCH (s:Skill) WHERE s.updatedAt IS NOT NULL
  RETURN s.updatedAt AS latest ORDER BY latest DESC LIMIT 1
}
CALL () {
  UNWIND range(0, size($vectors) - 1) AS i
  CALL db.index.vector.queryNodes('skill_embedding', $k, $vectors[i]) YIELD node, score
  WITH i, node, score WHERE node.model = $model AND score >= $floor
  MATCH (s:Skill {id: node.skillId})
  RETURN collect([i, s.id, 2 * score - 1]) AS hits
}
RETURN COUNT { (:Skill) } AS skills, toString(latest) AS latest, hits,
       CASE WHEN size(hits) > 0 OR size($vectors) = 0 THEN true
            ELSE EXISTS { MATCH (e:SkillEmbedding {model: $model}) } END AS embedded
