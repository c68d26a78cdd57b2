// include: match/_scores
// Keyset page, best first: (covered, essentialMet, verifiedSkills) descending, then id.
WITH p, covered, essentialMet, verifiedSkills
WHERE $afterId IS NULL
   OR covered < $afterCovered
   OR (covered = $afterCovered AND (essentialMet < $afterEssential
       OR (essentialMet = $afterEssential AND (verifiedSkills < $afterVerified
           OR (verifiedSkills = $afterVerified AND p.id > $afterId)))))
WITH p, covered, essentialMet, verifiedSkills
ORDER BY covered DESC, essentialMet DESC, verifiedSkills DESC, p.id
LIMIT $limit
// The page's people come with their evidence, which explains each match.
// include: gap/_evidence
RETURN p {.*, createdAt: toString(p.createdAt), updatedAt: toString(p.updatedAt)} AS person,
       covered, essentialMet, verifiedSkills, declared, awards
