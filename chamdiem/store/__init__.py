"""Persistence: the schema and its migrations (`schema/`), the writer that loads one report per
transaction with plain DB-API SQL (`writer.py`), and the SQLAlchemy store that creates, upgrades and
reads databases (`database.py`). Kept empty so that importing the writer never imports SQLAlchemy."""
