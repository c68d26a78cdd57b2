// Per candidate (people whose visibility is in $visibilities: MATCHABLE and PUBLIC, from the
// permission hook), how the role's requirements are met.
// $reqs: [{skills: [required id, narrower ids...], level, units, essential}], where units is
// the requirement's weight in millionths. A requirement is met when one of its skills is held
// at >= level: declared (HAS_SKILL, unless $verifiedOnly) or taught by an ACTIVE award issued
// by $asOf and not expired at it (with $verifiedOnly, only awards whose badge verification is
// VERIFIED). Verified = met through an award whose badge is VERIFIED.
UNWIND $reqs AS req
CALL (req) {
  UNWIND req.skills AS sid
  MATCH (s:Skill {id: sid})
  CALL (s) {
    MATCH (p:Person)-[h:HAS_SKILL]->(s)
    WHERE NOT $verifiedOnly AND p.visibility IN $visibilities
    RETURN p, coalesce(h.level, 1) AS level, 0 AS verified
    UNION ALL
    MATCH (p:Person)-[e:EARNED]->(:Credential)-[t:TEACHES]->(s)
    WHERE p.visibility IN $visibilities AND e.status = 'ACTIVE'
      AND e.issuedAt <= $asOf AND (e.expiresAt IS NULL OR e.expiresAt > $asOf)
      AND (NOT $verifiedOnly OR e.verificationStatus = 'VERIFIED')
    RETURN p, coalesce(t.level, 1) AS level,
           CASE WHEN e.verificationStatus = 'VERIFIED' THEN 1 ELSE 0 END AS verified
  }
  WITH p, verified WHERE level >= req.level
  RETURN p, max(verified) AS verified
}
WITH p, req, max(verified) AS verified
WITH p,
     sum(req.units) AS covered,
     sum(CASE WHEN req.essential THEN 1 ELSE 0 END) AS essentialMet,
     sum(verified) AS verifiedSkills
WITH p, covered, essentialMet, verifiedSkills
WHERE covered >= $minCovered
