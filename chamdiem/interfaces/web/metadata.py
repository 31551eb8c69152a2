"""The Datasette metadata of `chamdiem serve`: Vietnamese and English titles and descriptions for
every view and column (from catalogs/presentation.toml), facets, full-text search on v_search, and
the canned queries an analyst asks most. Base tables are hidden: people browse the views."""
from __future__ import annotations

from chamdiem.lexicon.catalogs import catalog

TRACE_ROUTE = "/-/truy-vet/{document_id}/{criterion_id}"
MATRIX_ROUTE = "/-/ma-tran"

FACETS = {
    "v_documents": ["framework", "assessment_year", "classification", "classification_earned"],
    "v_scores": ["framework", "assessment_year", "criterion_id"],
    "v_findings": ["severity", "kind", "assessment_year"],
    "v_citations": ["doc_type"],
    "v_search": ["kind", "framework", "assessment_year"],
    "v_ingest_errors": ["error_kind"],
}
HIDDEN = ["documents", "document_texts", "observations", "observation_values", "scores", "findings",
          "cited_documents", "citations", "ingest_errors", "chamdiem_meta", "alembic_version", "search_index",
          "classification_thresholds", "search_fts", "reviews"]

# name -> (Vietnamese title, English title, SQL). Parameters (:criterion, :q) become a form.
QUERIES = {
    "mot_tieu_chi": (
        "Một tiêu chí ở mọi đơn vị", "One criterion across all units",
        "SELECT issuer, assessment_year, criterion_id, label, max_points, self_score, authority_score, "
        "file_name, page, line, document_id\nFROM v_scores WHERE criterion_id = :criterion\n"
        "ORDER BY assessment_year DESC, self_score DESC, issuer"),
    "xep_hang": (
        "Xếp hạng đơn vị theo tổng điểm", "Units ranked by total",
        "SELECT framework, assessment_year,\n"
        "  RANK() OVER (PARTITION BY framework, assessment_year\n"
        "               ORDER BY COALESCE(total_authority, total_self) DESC) AS rank,\n"
        "  issuer, total_self, total_authority, total_max, classification, classification_earned, file_name\n"
        "FROM v_documents WHERE framework IS NOT NULL\nORDER BY framework, assessment_year DESC, rank, issuer"),
    "phat_hien_theo_muc_do": (
        "Phát hiện theo mức độ", "Findings by severity",
        "SELECT severity, kind, COUNT(*) AS findings, COUNT(DISTINCT document_id) AS reports\n"
        "FROM v_findings GROUP BY severity, kind\n"
        "ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, findings DESC, kind"),
    "van_ban_trich_dan_nhieu_nhat": (
        "Văn bản được trích dẫn nhiều nhất", "Most-cited documents",
        "SELECT cd.doc_type, cd.number, cd.symbol, cd.year, cd.issued_on, m.citing_reports, m.mentions\n"
        "FROM (SELECT c.cited_document_id AS id, COUNT(DISTINCT c.document_id) AS citing_reports,\n"
        "             COUNT(*) AS mentions\n"
        "      FROM citations c JOIN documents d ON d.id = c.document_id WHERE d.is_current\n"
        "      GROUP BY c.cited_document_id ORDER BY citing_reports DESC, mentions DESC LIMIT 200) m\n"
        "JOIN cited_documents cd ON cd.id = m.id\n"
        "ORDER BY m.citing_reports DESC, m.mentions DESC, cd.doc_type, cd.number"),
    "don_vi_thieu_tieu_chi": (
        "Đơn vị thiếu một tiêu chí", "Units missing a criterion",
        "SELECT d.issuer, d.assessment_year, d.framework, d.file_name, d.document_id\n"
        "FROM v_documents d\nWHERE d.framework = substr(:criterion, 1, instr(:criterion || '.', '.') - 1)\n"
        "  AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.document_id = d.document_id\n"
        "                  AND s.criterion_id = :criterion)\nORDER BY d.assessment_year DESC, d.issuer"),
    "xep_loai_khong_khop": (
        "Xếp loại tự đánh giá khác xếp loại theo tổng điểm", "Classification disagreements",
        "SELECT issuer, assessment_year, framework, classification, classification_earned, total_self, "
        "total_authority, total_max, file_name\nFROM v_documents\n"
        "WHERE classification IS NOT NULL AND classification_earned IS NOT NULL\n"
        "  AND classification <> classification_earned\nORDER BY assessment_year DESC, issuer"),
    "tim_kiem": (
        "Tìm kiếm (không phân biệt dấu)", "Search (tone marks ignored)",
        "SELECT s.issuer, s.assessment_year, s.kind, s.criterion_id, s.text, s.line, s.file_name, s.document_id\n"
        "FROM v_search s JOIN (SELECT rowid, rank FROM search_fts\n"
        "                      WHERE search_fts MATCH chamdiem_search(:q)) m ON m.rowid = s.id\n"
        "ORDER BY m.rank LIMIT 200"),
}


def both(vi: str, en: str) -> str:
    return f"{vi} · {en}"


STYLE_ROUTE = "/-/chamdiem.css"
STYLE = """
dl.column-descriptions{columns:3 18em;font-size:.85em;margin:.5em 0 1em}
dl.column-descriptions dt{break-after:avoid;margin-top:.3em} dl.column-descriptions dd{margin:0 0 0 1em;break-before:avoid}
"""


def metadata(database: str, columns_of: dict[str, list[str]] | None = None, allow_sql: bool = False) -> dict:
    """The whole metadata dict for a Datasette serving one chamdiem database named ``database``;
    ``columns_of`` (view -> its columns) keeps each view's column notes to its own columns. The
    base tables are hidden and their pages refused (the views and canned queries read them);
    arbitrary SQL is refused unless ``allow_sql``."""
    pres = catalog("presentation")
    columns = pres["columns"]
    tables: dict[str, dict] = {}
    for view, (vi, en, desc_vi, desc_en) in pres["views"].items():
        tables[view] = {"title": both(vi, en), "description": f"{desc_vi} — {desc_en}",
                        "columns": {c: both(*columns[c]) for c in (columns_of or {}).get(view, columns)
                                    if c in columns}}
        if view in FACETS:
            tables[view]["facets"] = FACETS[view]
    tables["v_search"] |= {"fts_table": "search_fts", "fts_pk": "id", "searchmode": "escaped"}
    tables["v_scores"]["sort"] = "document_id"
    for name in HIDDEN:
        tables[name] = {"hidden": True, "allow": False}
    queries = {name: {"title": both(vi, en), "sql": sql} for name, (vi, en, sql) in QUERIES.items()}
    return {
        **({} if allow_sql else {"allow_sql": False}),
        "title": "chamdiem · Kết quả tự đánh giá, chấm điểm · Self-assessment scores",
        "description_html": home_html(database),
        "extra_css_urls": [STYLE_ROUTE],
        "databases": {database: {"tables": tables, "queries": queries,
                                 "description": "Các báo cáo đã nạp · the reports loaded"}},
    }


def database_path(database: str) -> str:
    """The URL path of the database as Datasette spells it (tilde-encoded): a file named
    `q"><script>.sqlite` stays a name in a link (escape it for HTML too)."""
    from datasette.utils import tilde_encode
    return "/" + tilde_encode(database)


def home_html(database: str) -> str:
    from html import escape
    quoted_path = escape(database_path(database), quote=True)
    links = [
        (MATRIX_ROUTE, "Bảng đơn vị × tiêu chí", "units × criteria"),
        (f"{quoted_path}/v_search", "Tìm kiếm không phân biệt dấu", "search, tone marks ignored"),
        (f"{quoted_path}/v_documents", "Báo cáo và xếp loại", "reports and classifications"),
        (f"{quoted_path}/v_scores", "Điểm theo tiêu chí (bấm tiêu chí để xem nguồn)", "scores; click a criterion to trace it"),
        (f"{quoted_path}/v_findings", "Phát hiện khi kiểm tra", "findings"),
    ] + [(f"{quoted_path}/{name}", vi, en) for name, (vi, en, _) in QUERIES.items() if name != "tim_kiem"]
    items = "".join(f'<li><a href="{href}">{vi}</a> · <span lang="en">{en}</span></li>' for href, vi, en in links)
    return ("<p>Kết quả tự đánh giá, chấm điểm của các đơn vị, đọc từ báo cáo của họ; mỗi con số dẫn về "
            "trang, dòng và đoạn văn bản gốc. · <span lang=\"en\">Units' self-assessment scores read from their "
            f"reports; every figure leads back to its page, line and source text.</span></p><ul>{items}</ul>")
