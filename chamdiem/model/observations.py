"""Plain data the stages pass on: extractors -> normalizers -> checks -> loader.

Values, observations, findings and citations carry their spans in ``DocumentModel.text``."""
from __future__ import annotations

from dataclasses import dataclass, field

from chamdiem.model.document import DocumentModel
from chamdiem.model.geometry import Box

# bonus_authority: the authority's bonus, a sub-column under its group ("Cơ quan thẩm quyền chấm" over
# "Điểm | Điểm thưởng")
SCORE_FIELDS = ("max_points", "self_score", "authority_score", "bonus_max", "bonus_self", "bonus_authority")


@dataclass(slots=True)
class Value:
    """A number read from the document, with the span of the characters that wrote it."""
    value: float
    raw: str
    start: int
    end: int
    confidence: float | None = None  # OCR confidence (0-100) of the characters read; None for a text layer
    cell_ref: str | None = None      # the spreadsheet cell it was read from ('Sheet1!D14')
    box: Box | None = None           # page and box of its characters (PDF and scans)
    # a value the statement gives relative to the item's maximum, without writing it: so many points
    # below it (0 for full marks, 'đạt tối đa'; 1 for 'bị trừ 1 điểm'); ``raw`` holds those words.
    # ``value`` is the maximum minus it once the maximum is known (normalizers/from_maximum.py)
    below_maximum: float | None = None


@dataclass(slots=True)
class ScoreObservation:
    """A scored item as one source (a table row or a narrative sentence) states it."""
    source: str                      # "table" | "narrative"
    marker: str                      # numbering as written ("Nội dung 1", "1.1", "")
    label: str                       # the item's text as written (cleaned)
    values: dict[str, Value]
    start: int
    end: int
    line: int
    page: int | None
    spans: list[tuple[int, int]] = field(default_factory=list)  # all physical parts
    criterion_id: str | None = None
    is_total: bool = False
    notes: list[Finding] = field(default_factory=list)  # info findings; the mapper gives their criterion
    parsed_marker: object = None     # chamdiem.lexicon.numbering.Marker, for the item mapper
    cell_ref: str | None = None      # the spreadsheet cells of the row ('Sheet1!A14:F14')
    box: Box | None = None           # page and box of the row (PDF and scans)
    # a table row's numbers by column, those of columns whose header names no role included, and
    # the header's roles by column: the readings the framework chooses among (normalizers/readings)
    cells: dict[int, Value] = field(default_factory=dict)
    header_roles: dict[int, str] = field(default_factory=dict)
    table: int | None = None         # which table of the document the row is in
    # a statement of points that names no item ('…, đơn vị tự chấm được 97 điểm'): the framework
    # decides whether it is the whole sheet's (normalizers/readings.total_reading)
    undecided: bool = False
    # values given relative to the item's maximum (Value.below_maximum), not yet known: the
    # normalizers move them into ``values`` when the maximum is (normalizers/from_maximum.py)
    relative: dict[str, Value] = field(default_factory=dict)
    # 'các tiêu chí còn lại đạt tối đa': the folded marker word of the items the statement gives its
    # values to, those of that level that nothing else scores ('tieu chi'); its parent's marker, when
    # named, is ``parsed_marker``
    remaining: str | None = None
    # a heading's points given without a verb ('I. NỘI DUNG 1 – … (650 điểm; điểm thưởng tối đa 30
    # điểm)'): what the item is worth or what it got; the framework decides (normalizers/heading_points)
    verbless: bool = False
    # a line that may be an item's title ('2. Thực hiện nhiệm vụ chính trị'), without values: placed
    # only when its words name an item (ItemMapper.by_title), so the statements under it are read
    # inside that item, then dropped (normalizers/title_headings)
    title: bool = False
    # a statement that revises what the text said of its item before ('Hiệu trưởng kết luận: điều
    # chỉnh điểm Tiêu chí 6 từ 9 điểm xuống còn 8 điểm'): it wins over the earlier one (reconcile)
    revises: bool = False

    def get(self, name: str) -> float | None:
        value = self.values.get(name)
        return None if value is None else value.value


@dataclass(slots=True)
class Finding:
    criterion_id: str | None
    kind: str
    severity: str
    message: str
    source: str | None = None
    field: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Metadata:
    report_number: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    assessment_year: int | None = None
    signer: str | None = None
    classification: str | None = None
    classification_text: str | None = None
    # field name -> (start, end) in the document text of what the value was read from; two
    # renditions of one report have the same metadata at different places, so not compared
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)


@dataclass(slots=True)
class ReconciledScore:
    criterion_id: str
    label: str
    values: dict[str, float | None]
    origin: str
    page: int | None
    line: int
    start: int
    end: int
    confidence: float | None = None  # lowest OCR confidence of the values used; None for a text layer
    cell_ref: str | None = None      # the spreadsheet cells the values come from
    box: Box | None = None           # page and box of the row or sentence (PDF and scans)


@dataclass(frozen=True, slots=True)
class CitedDocument:
    """The registry entry a mention resolves to (normalizers/cited_documents.py): one per distinct
    cited document, ``key`` its stable text key (v_cited_documents holds one row per key)."""
    key: str
    doc_type: str | None
    number: str | None
    year: int | None
    symbol: str | None
    issuer_code: str | None
    issued_on: str | None


@dataclass(slots=True)
class Citation:
    text: str
    doc_type: str | None
    type_code: str | None
    number: str | None
    year: int | None
    symbol: str | None
    issued_on: str | None
    start: int
    end: int
    line: int = 0
    page: int | None = None
    criterion_id: str | None = None
    date_text: str | None = None
    cited: CitedDocument | None = None   # set by the normalizers: the registry entry it refers to
    box: Box | None = None           # page and box of the mention (PDF and scans)


@dataclass(slots=True)
class Report:
    """Everything the pipeline learned from one file (scores, citations, findings, metadata), ready
    for the loader."""
    model: DocumentModel
    framework: str | None
    metadata: Metadata
    observations: list[ScoreObservation]
    scores: list[ReconciledScore]
    findings: list[Finding]
    citations: list[Citation] = field(default_factory=list)
    framework_confidence: float | None = None  # how well the best known framework fits (0-1)
    # normalizers.completeness.Completeness, against the framework set it was extracted under
    completeness: object = None
    # store.writing.rows.Rows: the rows it is written as, built by the reading worker (None: the
    # writer builds them)
    rows: object = None
