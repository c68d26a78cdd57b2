// Skill extraction: one embedding node per skill (kept off the Skill node so reading a skill
// never carries 384 floats), its vector index, and the index behind the lexicon's version.
CREATE CONSTRAINT skill_embedding_skill IF NOT EXISTS FOR (e:SkillEmbedding) REQUIRE e.skillId IS UNIQUE;
CREATE VECTOR INDEX skill_embedding IF NOT EXISTS FOR (e:SkillEmbedding) ON (e.vector) OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}};
CREATE INDEX skill_updated IF NOT EXISTS FOR (n:Skill) ON (n.updatedAt);
