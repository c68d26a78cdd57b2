// Every catalogue node and person carries `sortKey`, its lower-cased name (or title), set by
// every write. Lists are ordered by (sortKey, id), so composite range indexes on exactly that
// pair let a first page ordered by name read the index in order instead of sorting the label.
MATCH (n) WHERE (n:Skill OR n:Credential OR n:Provider OR n:Role OR n:Person)
SET n.sortKey = toLower(coalesce(n.name, n.title));
CREATE INDEX skill_sort IF NOT EXISTS FOR (n:Skill) ON (n.sortKey, n.id);
CREATE INDEX credential_sort IF NOT EXISTS FOR (n:Credential) ON (n.sortKey, n.id);
CREATE INDEX provider_sort IF NOT EXISTS FOR (n:Provider) ON (n.sortKey, n.id);
CREATE INDEX role_sort IF NOT EXISTS FOR (n:Role) ON (n.sortKey, n.id);
CREATE INDEX person_sort IF NOT EXISTS FOR (n:Person) ON (n.sortKey, n.id);
CREATE INDEX credential_cost IF NOT EXISTS FOR (n:Credential) ON (n.costValue);
