// One round trip per extraction: what the cached lexicon depends on (the skills' count and
// latest change) and, for each passage vector, its nearest skills of model $model: of the
// $k the vector index returns, those whose score passes $floor (Neo4j's cosine score is
// (1 + cos) / 2), best first, at most $keep, as [passage, skillId, cos].
// `embedded` is false only when vectors were sent and no embedding of the model exists.
OPTIONAL CALL () {
  MATCH (s:Skill) WHERE s.updatedAt IS NOT NULL
  RETURN s.updatedAt AS latest ORDER BY latest DESC LIMIT 1
}
CALL () {
  UNWIND range(0, size($vectors) - 1) AS i
  CALL (i) {
    CALL db.index.vector.queryNodes('skill_embedding', $k, $vectors[i]) YIELD node, score
    WITH node, score WHERE node.model = $model AND score >= $floor
    MATCH (s:Skill {id: node.skillId})
    RETURN s.id AS skill, score ORDER BY score DESC LIMIT $keep
  }
  RETURN collect([i, skill, 2 * score - 1]) AS hits
}
RETURN COUNT { (:Skill) } AS skills, toString(latest) AS latest, hits,
       CASE WHEN size(hits) > 0 OR size($vectors) = 0 THEN true
            ELSE EXISTS { MATCH (e:SkillEmbedding {model: $model}) } END AS embedded
