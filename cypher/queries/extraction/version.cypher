// What the lexicon depends on: how many skills (count store) and the latest change (index).
OPTIONAL CALL () {
  MATCH (s:Skill) WHERE s.updatedAt IS NOT NULL
  RETURN s.updatedAt AS latest ORDER BY latest DESC LIMIT 1
}
RETURN COUNT { (:Skill) } AS skills, toString(latest) AS latest
