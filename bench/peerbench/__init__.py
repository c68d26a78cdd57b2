"""make bench-peer: SkillGraph, @neo4j/graphql and hand-written Cypher on the same reads."""
