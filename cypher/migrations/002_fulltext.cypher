// Full-text search over names, titles and alternative labels (LIST<STRING> is indexed too).
CREATE FULLTEXT INDEX skill_text IF NOT EXISTS FOR (n:Skill) ON EACH [n.name, n.altLabels];
CREATE FULLTEXT INDEX credential_text IF NOT EXISTS FOR (n:Credential) ON EACH [n.name, n.altLabels];
CREATE FULLTEXT INDEX role_text IF NOT EXISTS FOR (n:Role) ON EACH [n.title, n.altLabels];
CREATE FULLTEXT INDEX provider_text IF NOT EXISTS FOR (n:Provider) ON EACH [n.name, n.altLabels];
