"""Validated shapes of what clients write (pydantic), shared by the API, importers and store."""
