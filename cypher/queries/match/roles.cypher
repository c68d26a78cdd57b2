// include: match/_role_scores
WITH r, missing, coverage, essentialCoverage
WHERE $afterId IS NULL
   OR coverage < $afterCoverage
   OR (coverage = $afterCoverage AND (essentialCoverage < $afterEssential
       OR (essentialCoverage = $afterEssential AND r.id > $afterId)))
RETURN r {.*, createdAt: toString(r.createdAt), updatedAt: toString(r.updatedAt)} AS role, coverage, essentialCoverage, missing
ORDER BY coverage DESC, essentialCoverage DESC, r.id
LIMIT $limit
