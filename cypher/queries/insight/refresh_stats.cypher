// Recomputes the market statistics of every skill (run in an auto-commit transaction).
MATCH (s:Skill)
CALL (s) {
  // include: insight/_stats
  SET s.statDemand = demand, s.statDemandEssential = essential,
      s.statDemandOptional = demand - essential, s.statDemandPostings = postings,
      s.statSupplyVerified = size(verified), s.statSupplyDeclared = declared,
      s.statSupply = size(verified) + declared,
      s.statCredentials = COUNT { (:Credential {status: 'ACTIVE'})-[:TEACHES]->(s) },
      s.statScarcity = toFloat(demand) / (size(verified) + declared + 1),
      s.statsComputedAt = datetime()
} IN TRANSACTIONS OF 500 ROWS
