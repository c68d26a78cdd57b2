// Value signals: every credential carries `valueScore` (0 until `skillgraph stats refresh`
// computes it; set by every credential write), so a composite range index on (valueScore, id)
// gives `credentials(orderBy: {field: VALUE})` in order; postings are found by date.
MATCH (n:Credential) WHERE n.valueScore IS NULL SET n.valueScore = 0.0;
CREATE INDEX credential_value IF NOT EXISTS FOR (n:Credential) ON (n.valueScore, n.id);
CREATE INDEX role_posted IF NOT EXISTS FOR (n:Role) ON (n.postedAt);
// One version node per name (signal freshness, requirement versions), even under concurrent
// first writes.
CREATE CONSTRAINT graph_version_name IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.name IS UNIQUE;
