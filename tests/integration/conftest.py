from tests.dbfixtures import clean_graph, db, settings

__all__ = ["clean_graph", "db", "settings"]
