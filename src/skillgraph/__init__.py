"""SkillGraph: an open skills-graph API over Neo4j and GraphQL."""

__version__ = "0.1.0"

__all__ = ["__version__"]
