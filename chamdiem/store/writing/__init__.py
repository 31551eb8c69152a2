"""The writer's pieces, one concern each: the SQL dialect and its transactions (dialect.py), the
rows of one document (contents.py), its versions (versions.py), the cited-documents registry
(registry.py), the search index (search.py), file states (file_states.py), failed files
(failures.py) and SQLite's upkeep (upkeep.py). Nothing here imports SQLAlchemy."""
