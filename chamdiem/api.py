"""The public Python API. ``import chamdiem`` gives these names; the CLI is a thin layer over them.

    >>> import chamdiem
    >>> report = chamdiem.extract("report.docx")          # doctest: +SKIP
    >>> chamdiem.ingest(["reports/2024-Q4"], db="q4.sqlite")  # doctest: +SKIP
    >>> chamdiem.scores("q4.sqlite", framework="dvcq", year=2024)  # doctest: +SKIP
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterable

from chamdiem.model.defaults import DEFAULT_DB, DEFAULT_MAX_BYTES
from chamdiem.model.document import DocumentModel
from chamdiem.model.errors import NotFound
from chamdiem.model.observations import Report
from chamdiem.normalizers.framework_catalog import FrameworkSet
from chamdiem.pipeline.ingest import IngestResult, ingest as _ingest
from chamdiem.pipeline.workers import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, Limits, check_limits

# The readers, extractors, framework tools and the store (SQLAlchemy) are imported where they are
# used: an ingest's writing process never runs the readers (its workers do), and writes a SQLite
# database at the current schema without SQLAlchemy (chamdiem/store/writer.py).


def open_existing(db: str):
    """A read-only engine on an existing chamdiem database (store.open_existing)."""
    from chamdiem.store.database import open_existing as open_engine
    return open_engine(db)

if TYPE_CHECKING:
    import pandas

    from chamdiem.pipeline.remap import RemapResult

Document = DocumentModel
PathLike = str | os.PathLike


def read(path: PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One file read into the document model: its NFC text, blocks and table cells with spans and
    pages. Raises a typed ``IngestError`` (``.kind``, ``.reason``) when the file cannot be read."""
    from chamdiem.readers.dispatch import read_bytes, read_checked
    path = os.fspath(path)
    data, sha = read_bytes(path, max_bytes)
    return read_checked(path, data, sha)


def extract(document_or_path: Document | PathLike, *,
            frameworks: Iterable[PathLike] | FrameworkSet | None = None) -> Report:
    """Scores, citations, findings and metadata of one report, each with its span in
    ``report.model.text``. Takes a path or a document already read with ``read``. ``frameworks``
    (folders, or a set from ``framework_set``) is added to $CHAMDIEM_FRAMEWORKS's, as for ``ingest``."""
    from chamdiem.pipeline.extract import extract_document
    chosen = framework_set(frameworks)
    doc = document_or_path if isinstance(document_or_path, DocumentModel) else read(document_or_path)
    return extract_document(doc, chosen)


def ingest(paths: PathLike | Iterable[PathLike], db: str = DEFAULT_DB, workers: int | None = None, *,
           max_mb: float = 100.0, quiet: bool = True,
           frameworks: Iterable[PathLike] | FrameworkSet | None = None,
           executor: str = "local", scheduler: str | None = None, max_memory_mb: int = DEFAULT_MEMORY_MB,
           timeout: float = DEFAULT_TIMEOUT_S, follow_symlinks: bool = False) -> IngestResult:
    """Loads files and folders (searched recursively) into ``db``, a SQLite path or an SQLAlchemy
    URL; idempotent, one transaction per document. A path that does not exist raises ``NotFound``
    (an ``IngestError``) before anything is written; the files' failures are counted, recorded in
    ``v_ingest_errors`` and never raised. ``frameworks`` names folders of framework TOMLs added to
    the built-in ones (as $CHAMDIEM_FRAMEWORKS does); a framework there that does not load raises
    ``CatalogError`` before anything is read. ``executor="dask"`` extracts on a Dask distributed
    cluster (``scheduler="tcp://host:8786"``; without one, a local cluster of ``workers``
    processes); the results are the same as the local executor's. Each file is read under a memory
    ceiling (MB) and a time limit (s); 0 lifts either. A symbolic link in a folder is followed when
    it leads to a file inside the folders given, else only with ``follow_symlinks`` (the result
    counts the links not followed and the loops)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    check_limits(max_mb, max_memory_mb, timeout)
    missing = next((p for p in paths if not os.path.exists(p)), None)
    if missing is not None:   # as the CLI refuses it: nothing is read or written
        raise NotFound(missing, "no such file or folder")
    return _ingest(paths, db, workers=workers, quiet=quiet,
                   max_bytes=int(max_mb * 1024 * 1024), executor=executor, scheduler=scheduler,
                   limits=Limits(int(max_memory_mb), float(timeout)), follow_symlinks=follow_symlinks,
                   frameworks=framework_set(frameworks))


def framework_set(folders: Iterable[PathLike] | FrameworkSet | None = None) -> FrameworkSet:
    """The frameworks a call reads under: the built-in ones, those of $CHAMDIEM_FRAMEWORKS (read
    here, once per call) and those of ``folders``, as one value handed to the pipeline and its
    workers (the environment is never written). When folders are added, all are loaded now, so a
    framework that does not load raises ``CatalogError`` before anything is read (the built-in
    ones are checked by the test suite). A ``FrameworkSet`` is taken as it is."""
    if isinstance(folders, FrameworkSet):
        return folders
    chosen = FrameworkSet.from_environment().adding(folders)
    if chosen.folders:
        chosen.by_id   # noqa: B018 - loads (and checks) every framework of the set
    return chosen


@contextmanager
def use_frameworks(folders: Iterable[PathLike] | None):
    """Kept for code written against earlier versions: yields ``framework_set(folders)``, to pass
    as ``frameworks=`` to the calls in the block. It no longer changes the environment, so calls
    that are not given the set read under $CHAMDIEM_FRAMEWORKS's frameworks alone."""
    yield framework_set(folders)


def learn_framework(path: PathLike, framework_id: str, title: str | None = None) -> str:
    """The TOML text of a framework drafted from the score sheet (filled or blank) of one file, for
    a person to review; raises ``NothingToLearn`` when the file has no sheet rows."""
    from chamdiem.normalizers.framework_learn import learn_framework as learn
    return learn(read(path), framework_id, title)


def check_framework(path: PathLike) -> list[str]:
    """Problems of a framework TOML (one line each); an empty list means it can be used."""
    try:
        with open(os.fspath(path), encoding="utf-8") as source:
            text = source.read()
    except (OSError, UnicodeDecodeError) as exc:
        return [f"cannot be read: {getattr(exc, 'strerror', None) or exc}"]
    from chamdiem.normalizers.framework_check import check_framework_text
    return check_framework_text(text)[0]


def remap(db: str, *, frameworks: Iterable[PathLike] | FrameworkSet | None = None) -> RemapResult:
    """Extracts again the documents of ``db`` that were loaded under a provisional framework, under
    the frameworks known now (built in, $CHAMDIEM_FRAMEWORKS and ``frameworks``), replacing their rows."""
    from chamdiem.pipeline.remap import remap as remap_db
    open_existing(db)
    return remap_db(db, framework_set(frameworks))


def view(db: str, name: str, *, framework: str | None = None, year: int | None = None,
         unit: str | None = None) -> "pandas.DataFrame":
    """An analyst view (``v_scores``, ``v_findings``, …) as a DataFrame, optionally only the
    documents of one framework, assessment year, or unit (part of the issuer's name, case and tone
    marks ignored)."""
    import pandas
    from sqlalchemy import text
    engine = open_existing(db)
    if not name.startswith("v_") or not name.replace("_", "").isalnum():
        raise ValueError(f"{name!r} is not an analyst view")
    where, params = [], {}
    if framework is not None:
        where.append("d.framework = :framework")
        params["framework"] = framework
    if year is not None:
        where.append("d.assessment_year = :year")
        params["year"] = int(year)
    if not where:
        sql = f"SELECT * FROM {name}"
    elif name == "v_documents":
        sql = f"SELECT d.* FROM v_documents d WHERE {' AND '.join(where)}"
    else:
        sql = (f"SELECT v.* FROM {name} v JOIN v_documents d ON d.document_id = v.document_id "
               f"WHERE {' AND '.join(where)}")
    with engine.connect() as con:
        rows = pandas.read_sql_query(text(sql), con, params=params)
        if unit is None:
            return rows
        return rows[rows["document_id"].isin(_units_matching(con, unit))].reset_index(drop=True)


def _units_matching(con, unit: str) -> set:
    """The current documents whose issuer contains ``unit``, case, tone marks and đ/Đ ignored (as
    the CLI's ``--unit`` matches): 'tu phap' finds 'Sở Tư pháp'."""
    from sqlalchemy import text

    from chamdiem.lexicon.text import fold
    want = fold(unit)
    issuers = con.execute(text("SELECT document_id, issuer FROM v_documents WHERE issuer IS NOT NULL"))
    return {doc_id for doc_id, issuer in issuers if want in fold(issuer)}


def documents(db: str, **filters) -> "pandas.DataFrame":
    """``v_documents``: one row per current report, with its metadata and totals."""
    return view(db, "v_documents", **filters)


def scores(db: str, **filters) -> "pandas.DataFrame":
    """``v_scores``: one row per report and scored item, with its provenance."""
    return view(db, "v_scores", **filters)


def findings(db: str, **filters) -> "pandas.DataFrame":
    """``v_findings``: what the consistency checks found."""
    return view(db, "v_findings", **filters)


def citations(db: str, **filters) -> "pandas.DataFrame":
    """``v_citations``: every mention of a numbered document."""
    return view(db, "v_citations", **filters)


def ingest_errors(db: str) -> "pandas.DataFrame":
    """``v_ingest_errors``: files that could not be loaded, and why."""
    return view(db, "v_ingest_errors")


def review(db: str, file_name: str, criterion_id: str, *, by: str, verdict: str = "confirmed",
           value: float | None = None, field: str = "self_score", note: str | None = None) -> dict:
    """Records an auditor's verdict (``confirmed``, ``corrected`` with ``value``, ``unreadable``)
    on a current report's score, appended to ``reviews``; returns the row written. Raises
    ``ReviewRefused`` (chamdiem.store.reviews) when it cannot be given as asked."""
    from sqlalchemy import text

    from chamdiem.store.database import engine_for
    from chamdiem.store.reviews import ReviewRefused, Verdict, record_review
    engine = engine_for(db)
    try:
        with engine.begin() as con:
            doc = con.execute(text("SELECT document_id FROM v_documents WHERE file_name = :f"),
                              {"f": os.path.basename(file_name)}).first()
            if doc is None:
                raise ReviewRefused(f"{file_name}: not a current report in {db}")
            return record_review(con, doc.document_id, criterion_id, Verdict(verdict, field, value, note, by))
    finally:
        engine.dispose()


def reviews(db: str) -> "pandas.DataFrame":
    """``v_reviews``: every auditor's verdict, with whether it is stale and the newest."""
    return view(db, "v_reviews")
