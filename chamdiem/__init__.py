"""chamdiem: Vietnamese self-assessment score reports into a database you can trace.

The public API (see ``chamdiem.api``): ``read``, ``extract``, ``ingest`` and the analyst views as
pandas DataFrames (``documents``, ``scores``, ``findings``, ``citations``, ``ingest_errors``,
``view``). Names are imported on first use, so ``import chamdiem`` and the CLI start fast.
"""
from __future__ import annotations

__all__ = ["read", "extract", "ingest", "view", "documents", "scores", "findings", "citations",
           "ingest_errors", "Document", "Report", "IngestResult", "learn_framework", "check_framework",
           "remap", "use_frameworks", "framework_set", "FrameworkSet", "review", "reviews"]


def __getattr__(name: str):
    if name == "__version__":   # the installed version (pyproject.toml), the one pip and --version show
        from importlib.metadata import PackageNotFoundError, version
        try:
            return version("chamdiem")
        except PackageNotFoundError:
            return "0+unknown"
    if name in __all__:
        from chamdiem import api
        return getattr(api, name)
    raise AttributeError(f"module 'chamdiem' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__, "__version__"])
