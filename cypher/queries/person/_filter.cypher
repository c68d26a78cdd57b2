// hasSkill: every listed skill is held, declared or taught by an active, unexpired award.
// $allowed/$selfId come from the permission hook: who the caller may see at all.
MATCH (n:Person)
WHERE (n.visibility IN $allowed OR n.id = $selfId)
  AND ($visibilities IS NULL OR n.visibility IN $visibilities)
  AND ($hasSkill IS NULL OR all(sid IN $hasSkill WHERE
        EXISTS { (n)-[:HAS_SKILL]->(:Skill {id: sid}) }
        OR EXISTS { MATCH (n)-[e:EARNED]->(:Credential)-[:TEACHES]->(:Skill {id: sid})
                    WHERE e.status = 'ACTIVE' AND (e.expiresAt IS NULL OR e.expiresAt > datetime()) }))
