"""The tables of `chamdiem export`, shaped with pandas from the analyst views: one score sheet per
framework and year (a row per unit, a column per criterion), and the findings, cited documents,
reports, versions and failed files. Written by ``workbook`` (Excel) and ``export`` (CSV)."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from chamdiem.api import view
from chamdiem.interfaces.review_sheet import review_table
from chamdiem.lexicon.catalogs import catalog
from chamdiem.lexicon.text import fold
from chamdiem.normalizers.framework_catalog import FrameworkSet, framework_set


# OWASP's rule against formula injection: a text beginning with one of these is a formula to a
# spreadsheet (or begins one), so a text cell written from a report never begins with one as is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralised(value):
    """A text as a CSV field no spreadsheet evaluates: a leading apostrophe before a formula's first
    character (the OWASP CSV-injection rule); anything else unchanged."""
    return "'" + value if formula_like(value) else value


YES_NO_COLUMNS = ("is_current", "ocr")
DATE_TIME_COLUMNS = ("loaded_at", "at")


def yes_no(value):
    """1/0 (or True/False) as 'có / yes' and 'không / no'; missing stays missing."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return "có / yes" if bool(value) else "không / no"


def readable(data_frame: pd.DataFrame) -> pd.DataFrame:
    """Flags as yes/no and stored times as times (SQLite keeps them as text)."""
    out = data_frame.copy()
    for name in YES_NO_COLUMNS:
        if name in out:
            out[name] = out[name].map(yes_no).astype(object)
    for name in out.columns:   # ids with gaps read as floats (5.0): whole numbers again
        if (name.endswith("_id") or name == "superseded_by") and out[name].dtype == float:
            out[name] = out[name].astype("Int64")
    for name in DATE_TIME_COLUMNS:
        if name in out:
            out[name] = pd.to_datetime(out[name], errors="coerce", utc=True).dt.tz_localize(None)
    return out


def column_title(name: str) -> str:
    """'Đơn vị / unit (issuer)'-style header: Vietnamese first, the English beside it."""
    vi_en = catalog("presentation")["columns"].get(name)
    return f"{vi_en[0]} / {vi_en[1]}" if vi_en else name


def classification_name(code) -> str | None:
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return None
    return catalog("presentation")["classification"].get(code, code)


@dataclass
class Criterion:
    id: str
    title: str       # short header, e.g. 'TC1'
    name: str        # the criterion's wording, shown as the header's note
    max: float | None


NOT_READ = "?"
NOT_READ_NOTE = "không đọc được (not read)"


@dataclass
class ScoreSheet:
    """One framework and year: ``units`` has a row per report, ``self``/``authority`` a column per
    criterion (same index), ``findings`` maps (row, column key) to [(severity, message)].
    ``total_notes``: per row, what v_documents says of its total (stated, computed, or why not);
    ``authority_given``: per row, whether the report gives any authority score (else its
    authority cells are not 'not read' but not given)."""
    framework: str
    year: int | None
    criteria: list[Criterion]
    total_max: float | None
    units: pd.DataFrame
    self: pd.DataFrame
    authority: pd.DataFrame | None
    findings: dict[tuple[int, str], list[tuple[str, str]]] = field(default_factory=dict)
    total_notes: list = field(default_factory=list)
    authority_given: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.framework} {self.year if self.year is not None else 'không rõ năm'}"[:31]

    @property
    def chart_name(self) -> str:
        return f"Biểu đồ {self.framework} {self.year if self.year is not None else 'không rõ năm'}"[:31]


@dataclass
class Comparison:
    """Two years of one framework: per unit and criterion, this year's self score, last year's and
    the change (``rows``: unit, criterion, this_year, last_year, change)."""
    framework: str
    year: int
    last_year: int
    rows: pd.DataFrame

    @property
    def name(self) -> str:
        return f"So sánh {self.framework} {self.year}-{self.last_year}"[:31]


@dataclass
class Tables:
    score_sheets: list[ScoreSheet]
    findings: pd.DataFrame
    cited: pd.DataFrame
    documents: pd.DataFrame
    versions: pd.DataFrame
    failed: pd.DataFrame
    comparisons: list[Comparison] = field(default_factory=list)
    reviews: pd.DataFrame | None = None    # v_reviews of these reports (interfaces/review_sheet.py)


UNIT_COLUMNS = ["issuer", "file_name", "issued_on", "classification", "classification_earned"]
SHEET_EXTRA = ["unit_id", "total_note"]   # kept beside the unit columns, not shown as columns
TOTAL = "total"


def load_tables(db: str, framework: str | None = None, year: int | None = None,
                unit: str | None = None) -> Tables:
    """Everything the workbook shows, read from the analyst views and filtered alike. ``unit``
    matches part of the issuer's name, ignoring case and tone marks."""
    filters = {"framework": framework, "year": year}
    # in document order whatever the database's plan (PostgreSQL may hash the units' join)
    docs = _only_unit(view(db, "v_documents", **filters), unit).sort_values("document_id", kind="stable")
    keep = set(docs["document_id"])
    scores = view(db, "v_scores", **filters)
    scores = scores[scores["document_id"].isin(keep)]
    finds = view(db, "v_findings", **filters)
    finds = finds[finds["document_id"].isin(keep)]
    cites = view(db, "v_citations", **filters)
    cites = cites[cites["document_id"].isin(keep)]
    versions = _only_unit(view(db, "v_document_versions"), unit)
    if framework is not None:
        versions = versions[versions["framework"] == framework]
    if year is not None:
        versions = versions[versions["assessment_year"] == year]
    failed = view(db, "v_ingest_errors")[["file_name", "error_kind", "message", "at", "path"]]
    sheets = score_sheets(docs, scores, finds)
    return Tables(sheets, findings_table(finds), cited_table(cites, docs),
                  readable(docs.drop(columns=["sha256"]).assign(
                      classification=docs["classification"].map(classification_name),
                      classification_earned=docs["classification_earned"].map(classification_name))),
                  readable(versions.drop(columns=["sha256"])), readable(failed), comparisons(sheets),
                  review_table(view(db, "v_reviews"), keep, set(versions["document_id"])))


def _only_unit(data_frame: pd.DataFrame, unit: str | None) -> pd.DataFrame:
    """Reports whose issuer as read, or unit's registry name, contains ``unit``."""
    if not unit:
        return data_frame
    want = fold(unit)
    names = [data_frame["issuer"]] + ([data_frame["unit_name"]] if "unit_name" in data_frame else [])
    hit = pd.Series(False, index=data_frame.index)
    for column in names:
        hit |= column.map(lambda s: isinstance(s, str) and want in fold(s)).astype(bool)
    return data_frame[hit]


def criteria_of(framework: str, scores: pd.DataFrame,
                frameworks: FrameworkSet | None = None) -> tuple[list[Criterion], float | None]:
    """The framework's criteria (the items one level under its total) in catalog order, and its
    total max; a framework missing from ``frameworks`` (default: $CHAMDIEM_FRAMEWORKS's set)
    takes the items its reports name."""
    known = framework_set(frameworks).get(framework)
    if known is not None:
        items = [i for i in known.items.values() if i.depth == 1]
        return [Criterion(i.id, _short(framework, i.id), i.text, i.max) for i in items], known.root.max
    ids = sorted({c for c in scores["criterion_id"] if c.count(".") == framework.count(".") + 1})
    labels = scores.drop_duplicates("criterion_id").set_index("criterion_id")["label"]
    return [Criterion(c, _short(framework, c), labels.get(c) or c, None) for c in ids], None


def _short(framework: str, cid: str) -> str:
    return cid[len(framework) + 1:].upper()


def score_sheets(docs: pd.DataFrame, scores: pd.DataFrame, finds: pd.DataFrame,
                 frameworks: FrameworkSet | None = None) -> list[ScoreSheet]:
    frameworks = framework_set(frameworks)   # $CHAMDIEM_FRAMEWORKS's when none is given
    out = []
    with_fw = docs[docs["framework"].notna()]
    for (framework_id, year), units in with_fw.groupby(["framework", with_fw["assessment_year"].fillna(-1)], sort=True):
        year = None if year == -1 else int(year)
        if "unit_name" in units:   # the registry's name (without a motto glued on), else as read
            units = units.assign(issuer=units["unit_name"].where(units["unit_name"].notna(), units["issuer"]))
        units = units.sort_values(["issuer", "file_name"], na_position="last").reset_index(drop=True)
        score_rows = scores[scores["document_id"].isin(units["document_id"])]
        criteria, total_max = criteria_of(framework_id, score_rows, frameworks)
        keys = [c.id for c in criteria] + [framework_id]
        self_ = _pivot(score_rows, "self_score", units, keys)
        auth = _pivot(score_rows, "authority_score", units, keys)
        # the documents table holds the totals as stated, whichever source gave them
        self_[framework_id] = units["total_self"].to_numpy()
        auth[framework_id] = units["total_authority"].to_numpy()
        self_.columns = [c.id for c in criteria] + [TOTAL]
        auth.columns = self_.columns
        has_auth = bool(auth.notna().to_numpy().any())
        extra = [c for c in SHEET_EXTRA if c in units]
        sheet = ScoreSheet(framework_id, year, criteria, total_max, units[["document_id"] + UNIT_COLUMNS + extra].assign(
            classification=units["classification"].map(classification_name),
            classification_earned=units["classification_earned"].map(classification_name)),
            self_, auth if has_auth else None)
        sheet.findings = _finding_cells(finds, units, framework_id, [c.id for c in criteria], has_auth)
        sheet.total_notes = list(units["total_note"]) if "total_note" in units else [None] * len(units)
        sheet.authority_given = list(auth.drop(columns=[TOTAL]).notna().any(axis=1))
        out.append(sheet)
    return out


def _pivot(score_rows: pd.DataFrame, value: str, units: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    table = score_rows.pivot_table(index="document_id", columns="criterion_id", values=value, aggfunc="first")
    return table.reindex(index=units["document_id"], columns=keys).reset_index(drop=True)


def _finding_cells(finds, units, framework_id: str, criteria: list[str], has_auth: bool) -> dict:
    """Each finding lands on the cell of its item (or the criterion holding it, or the total),
    in the authority group when it is about the authority's score."""
    row_of = {d: k for k, d in enumerate(units["document_id"])}
    out: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for finding in finds[finds["document_id"].isin(row_of)].itertuples():
        cid = finding.criterion_id if isinstance(finding.criterion_id, str) else None
        if cid is None:
            col = "file_name"
        elif cid == framework_id or not cid.startswith(framework_id + "."):
            col = TOTAL
        else:
            col = next((c for c in criteria if cid == c or cid.startswith(c + ".")), TOTAL)
        if col != "file_name":
            col = ("authority:" if finding.field == "authority_score" and has_auth else "self:") + col
        out.setdefault((row_of[finding.document_id], col), []).append((finding.severity, finding.message))
    return out


SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def findings_table(finds: pd.DataFrame) -> pd.DataFrame:
    """Errors first, then warnings, then information; within each, by unit."""
    cols = ["issuer", "assessment_year", "file_name", "criterion_id", "kind", "severity", "message"]
    ranked = finds.assign(_rank=finds["severity"].map(lambda s: SEVERITY_RANK.get(s, 3)))
    return ranked.sort_values(["_rank", "issuer", "file_name", "criterion_id"], na_position="last",
                              kind="stable")[cols].reset_index(drop=True)


def comparisons(sheets: list[ScoreSheet]) -> list[Comparison]:
    """For each framework with reports of two years or more, its latest year against the one
    before: units matched by their registry id (else their name)."""
    by_framework: dict[str, dict[int, ScoreSheet]] = {}
    for sheet in sheets:
        if sheet.year is not None:
            by_framework.setdefault(sheet.framework, {})[sheet.year] = sheet
    out = []
    for framework_id, years in sorted(by_framework.items()):
        if len(years) < 2:
            continue
        now, before = sorted(years)[-1], sorted(years)[-2]
        rows = _compare(years[now], years[before])
        if len(rows):
            out.append(Comparison(framework_id, now, before, rows))
    return out


def _unit_keys(score_sheet: ScoreSheet) -> list:
    ids = score_sheet.units["unit_id"] if "unit_id" in score_sheet.units else pd.Series([None] * len(score_sheet.units))
    return [("unit", int(u)) if pd.notna(u) else ("name", n) for u, n in zip(ids, score_sheet.units["issuer"])]


def _compare(now: ScoreSheet, before: ScoreSheet) -> pd.DataFrame:
    last = {key: k for k, key in enumerate(_unit_keys(before))}
    titles = {c.id: c.title for c in now.criteria} | {TOTAL: "Tổng (total)"}
    rows = []
    for k, key in enumerate(_unit_keys(now)):
        j = last.get(key)
        if j is None:
            continue
        for cid in [c.id for c in now.criteria] + [TOTAL]:
            this_year = _number(now.self.iat[k, now.self.columns.get_loc(cid)])
            last_year = _number(before.self.iat[j, before.self.columns.get_loc(cid)]) \
                if cid in before.self.columns else None
            change = this_year - last_year if this_year is not None and last_year is not None else None
            rows.append((now.units["issuer"].iat[k], titles[cid], this_year, last_year, change))
    return pd.DataFrame(rows, columns=["issuer", "criterion", "this_year", "last_year", "change"])


def _number(value):
    return None if value is None or pd.isna(value) else float(value)


@dataclass
class _CitedDocument:
    """What the citations say of one cited document, gathered in one pass."""
    what: list                 # doc_type, number, symbol, year, issued_on, as first cited
    mentions: int = 0
    reports: set = field(default_factory=set)     # ids of the citing reports
    criteria: set = field(default_factory=set)
    units: set = field(default_factory=set)       # the citing reports' issuers

    def row(self) -> list:
        return [*self.what, self.mentions, len(self.reports), "; ".join(sorted(self.criteria)),
                "; ".join(sorted(self.units))]


def cited_table(cites: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """One row per cited document: what it is, the criteria it is cited for, the units citing it.
    One pass over the citations (a quarter has tens of thousands; a groupby would make a pass per
    document)."""
    cols = ["doc_type", "number", "symbol", "year", "cited_issued_on", "mentions", "citing_reports", "criteria",
            "citing_units"]
    issuer_of = dict(zip(docs["document_id"], docs["issuer"]))
    known = cites[cites["cited_document_id"].notna() & cites["document_id"].isin(issuer_of)]
    cited: dict[object, _CitedDocument] = {}
    for key, *what, doc, crit in zip(known["cited_document_id"], known["doc_type"], known["number"], known["symbol"],
                                     known["year"], known["issued_on"], known["document_id"], known["criterion_id"]):
        entry = cited.get(key)
        if entry is None:
            entry = cited[key] = _CitedDocument(what)
        entry.mentions += 1
        entry.reports.add(doc)
        if isinstance(crit, str):
            entry.criteria.add(crit)
        if isinstance(issuer_of[doc], str):
            entry.units.add(issuer_of[doc])
    rows = [entry.row() for entry in cited.values()]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["citing_reports", "mentions", "doc_type", "number"],
                           ascending=[False, False, True, True], kind="stable").reset_index(drop=True)


def flat_score_table(sheet: ScoreSheet) -> pd.DataFrame:
    """The score sheet as one table (for CSV): a first row of maxima, then a row per unit."""
    units = sheet.units[UNIT_COLUMNS].rename(columns=column_title)
    groups = [("tự chấm", sheet.self)] + ([("thẩm quyền", sheet.authority)] if sheet.authority is not None else [])
    titles = {c.id: c.title for c in sheet.criteria} | {TOTAL: "Tổng"}
    parts = [g.rename(columns=lambda c, w=word: f"{titles[c]} {w}") for word, g in groups]
    body = pd.concat([units] + parts, axis=1)
    maxima = {f"{titles[c.id]} {w}": c.max for w, _ in groups for c in sheet.criteria}
    maxima |= {f"Tổng {w}": sheet.total_max for w, _ in groups}
    first = {column_title("issuer"): "Thang điểm (max)"} | maxima
    return pd.concat([pd.DataFrame([first]), body], ignore_index=True)[body.columns]


# The columns of v_documents the workbook's "Báo cáo" sheet shows, so that it prints one page wide
# at a readable size; the CSV file has them all.
DOCUMENT_SHEET_COLUMNS = ["document_id", "file_name", "format", "framework", "report_number", "unit_name",
                          "issued_on", "assessment_year", "signer", "classification", "classification_earned",
                          "total_max", "total_self", "total_self_computed", "total_authority", "items_expected",
                          "items_read", "criteria_unread", "total_note"]

OTHER_SHEETS = [  # (sheet name, CSV name, Tables attribute)
    ("Phát hiện", "findings", "findings"),
    ("Văn bản trích dẫn", "cited-documents", "cited"),
    ("Báo cáo", "documents", "documents"),
    ("Phiên bản", "versions", "versions"),
    ("Tệp lỗi", "failed-files", "failed"),
]
