"""Defaults the user sees in every interface, in one place (and cheap to import, for `--help`)."""
DEFAULT_DB = "data/processed/scores.sqlite"
DEFAULT_MAX_MB = 100.0
