"""GraphQL object types, one module per node type."""
