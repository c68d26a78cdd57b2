"""Writes: one mutation is one Neo4j transaction."""
