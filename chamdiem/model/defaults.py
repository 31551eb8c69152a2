"""Defaults the user sees in every interface, in one place (and cheap to import, for `--help`)."""
DEFAULT_DB = "data/processed/scores.sqlite"
DEFAULT_MAX_MB = 100.0
DEFAULT_MAX_BYTES = int(DEFAULT_MAX_MB * 1024 * 1024)   # the same limit, as readers take it
DEFAULT_MEMORY_MB = 1024      # per-file ceiling of a reading worker's address space
DEFAULT_TIMEOUT_S = 120.0     # per-file wall time of a reading worker
FRAMEWORKS_ENV = "CHAMDIEM_FRAMEWORKS"  # folders of framework TOMLs added to the built-in ones (os.pathsep between)
