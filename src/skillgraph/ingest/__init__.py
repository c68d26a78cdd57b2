"""Loading validated importer output into the graph (the importers themselves never write)."""
