"""Imported by the fork server (workers._context preloads it): it reads a small built-in report
once (catalogs/warm_up_report.txt), so that every worker forked from the server starts with the
catalogs loaded, the patterns compiled and the framework indexes built. The server's workers are
those of code calling the API, and those that replace a worker that died (the chamdiem program
forks its first workers itself: workers.fork_workers_directly)."""
from __future__ import annotations

from importlib import resources

from chamdiem.extractors.narrative.tokens import compile_now
from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.dispatch import read_checked


def warm_up() -> None:
    """The sample goes the way a file does: decoded, checked for plausibility, read, extracted."""
    data = resources.files("chamdiem.catalogs").joinpath("warm_up_report.txt").read_bytes()
    extract_document(read_checked("warm_up_report.txt", data, ""))
    compile_now(in_words=False)   # the digits' grammar whole, whatever the sample used of it


try:
    warm_up()
except Exception:  # noqa: BLE001 - the server must start whatever happens: its workers are then only colder
    pass
