// Identity: every node type has a unique generated `id` and an optional unique external `uri`.
CREATE CONSTRAINT skill_id IF NOT EXISTS FOR (n:Skill) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT skill_uri IF NOT EXISTS FOR (n:Skill) REQUIRE n.uri IS UNIQUE;
CREATE CONSTRAINT credential_id IF NOT EXISTS FOR (n:Credential) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT credential_uri IF NOT EXISTS FOR (n:Credential) REQUIRE n.uri IS UNIQUE;
CREATE CONSTRAINT provider_id IF NOT EXISTS FOR (n:Provider) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT provider_uri IF NOT EXISTS FOR (n:Provider) REQUIRE n.uri IS UNIQUE;
CREATE CONSTRAINT role_id IF NOT EXISTS FOR (n:Role) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT role_uri IF NOT EXISTS FOR (n:Role) REQUIRE n.uri IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_uri IF NOT EXISTS FOR (n:Person) REQUIRE n.uri IS UNIQUE;
CREATE CONSTRAINT person_email IF NOT EXISTS FOR (n:Person) REQUIRE n.email IS UNIQUE;
