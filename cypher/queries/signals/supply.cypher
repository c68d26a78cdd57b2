// Every skill with the people holding it (from the refreshed market statistics), and
// everyone.
CALL () {
  MATCH (s:Skill)
  RETURN collect([s.id, coalesce(s.statSupply, 0)]) AS supply
}
RETURN supply, COUNT { (:Person) } AS people
