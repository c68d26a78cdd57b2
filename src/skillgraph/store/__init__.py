"""Neo4j access: every query is a named .cypher file, run through Database."""
