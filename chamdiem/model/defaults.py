"""Defaults the user sees in every interface, in one place (and cheap to import, for `--help`)."""
DEFAULT_DB = "data/processed/scores.sqlite"
DEFAULT_MAX_MB = 100.0
DEFAULT_MAX_BYTES = int(DEFAULT_MAX_MB * 1024 * 1024)   # the same limit, as readers take it
DEFAULT_MEMORY_MB = 1024      # per-file ceiling of a reading worker's address space
DEFAULT_TIMEOUT_S = 120.0     # per-file wall time of a reading worker
FRAMEWORKS_ENV = "CHAMDIEM_FRAMEWORKS"  # folders of framework TOMLs added to the built-in ones (os.pathsep between)
# The collector's thresholds in the program and its reading workers, instead of Python's (700, 10, 10):
# what they import lives as long as they do and is no garbage (interfaces/cli.run, pipeline/workers)
GC_THRESHOLDS = (100_000, 20, 100)
