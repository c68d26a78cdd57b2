// The market statistics of skills computed now (for skills never refreshed).
UNWIND $ids AS id
MATCH (s:Skill {id: id})
// include: insight/_stats
RETURN id, demand, essential, postings, size(verified) AS verifiedCount, declared,
       COUNT { (:Credential {status: 'ACTIVE'})-[:TEACHES]->(s) } AS credentials
