"""What analysts asked of the views: issuer and year on every score and finding, the classification
the total earns beside the stated one, and search that ignores tone marks and đ/Đ."""
import sqlite3

from conftest import extract_file, fts_as_written, fts_entries, query, upgrade_to
from chamdiem.interfaces.cli import main
from chamdiem.store.database import Store, search_fold
from reports import dvcq_report


def load(tmp_path, db, reports: dict[str, str]):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in reports.items():
        (folder / name).write_text(text, "utf-8")
    main(["ingest", str(folder), "--db", db, "--workers", "1", "--quiet"])


def search(db, words):
    return query(db, "SELECT s.file_name, s.kind, s.text FROM v_search s WHERE s.id IN "
                     "(SELECT rowid FROM search_fts WHERE search_fts MATCH ?) ORDER BY s.id", f'"{search_fold(words)}"')


def test_every_score_and_finding_row_says_its_unit_and_year(db, tmp_path):
    load(tmp_path, db, {"a.txt": dvcq_report("UBND xã Tịnh Kỳ", 2024, [10, 10, 11, 10, 10, 10, 10, 10, 10, 9])})
    rows = query(db, "SELECT DISTINCT issuer, assessment_year FROM v_scores")
    assert rows == [{"issuer": "UBND xã Tịnh Kỳ", "assessment_year": 2024}]
    assert query(db, "SELECT DISTINCT issuer, assessment_year, kind FROM v_findings WHERE criterion_id = 'dvcq.tc3'") \
        == [{"issuer": "UBND xã Tịnh Kỳ", "assessment_year": 2024, "kind": "self_exceeds_max"}]


def test_classification_earned_follows_the_frameworks_thresholds(db, tmp_path):
    load(tmp_path, db, {
        "xuat-sac.txt": dvcq_report("UBND xã A", 2024, [9] * 10, classification="tot"),          # 90
        "tot.txt": dvcq_report("UBND xã B", 2024, [8.9] * 10, classification="tot"),            # 89
        "authority.txt": dvcq_report("UBND xã C", 2024, [9] * 10, [6] * 10),                    # self 90, authority 60
        "hoan-thanh.txt": dvcq_report("UBND xã D", 2024, [5] * 10),                             # 50
        "khong.txt": dvcq_report("UBND xã E", 2024, [4.9] * 10),                                # 49
    })
    rows = query(db, "SELECT file_name, classification, classification_earned FROM v_documents ORDER BY file_name")
    assert rows == [
        {"file_name": "authority.txt", "classification": None, "classification_earned": "hoan_thanh"},
        {"file_name": "hoan-thanh.txt", "classification": None, "classification_earned": "hoan_thanh"},
        {"file_name": "khong.txt", "classification": None, "classification_earned": "khong_hoan_thanh"},
        {"file_name": "tot.txt", "classification": "tot", "classification_earned": "tot"},
        {"file_name": "xuat-sac.txt", "classification": "tot", "classification_earned": "xuat_sac"},
    ]


def test_search_ignores_tone_marks_case_and_the_stroke_of_d(db, tmp_path):
    load(tmp_path, db, {"a.txt": dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10,
                                             evidence="Nghị quyết của Đảng ủy về công tác dân vận")})
    plain, marked, upper = search(db, "dan van"), search(db, "dân vận"), search(db, "DÂN VẬN")
    assert plain == marked == upper and len(plain) >= 2
    assert {r["kind"] for r in plain} >= {"text", "criterion"}
    assert [r["text"] for r in search(db, "dang uy")] == [r["text"] for r in search(db, "Đảng ủy")]
    assert search(db, "Đảng ủy")[0]["text"].endswith("Nghị quyết của Đảng ủy về công tác dân vận")


def test_search_index_is_written_with_the_document_and_follows_replacement(db, tmp_path):
    load(tmp_path, db, {"a.txt": dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10, evidence="Kế hoạch phối hợp cũ")})
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM search_index").fetchone() == \
        con.execute("SELECT COUNT(*) FROM search_fts").fetchone()
    con.close()
    load(tmp_path, db, {"a.txt": dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10, evidence="Kế hoạch phối hợp mới")})
    assert [r["text"][-3:] for r in search(db, "ke hoach phoi hop")] == ["mới"]


def test_a_document_reloaded_leaves_none_of_its_old_pieces_in_the_full_text_index(db, tmp_path):
    """search_fts keeps no text (migration 0012): the writer must tell it the folded text of each
    piece it forgets, or the old pieces' words would still match (and their ids be reused)."""
    load(tmp_path, db, {"a.txt": dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10, evidence="Đề án phối hợp cũ"),
                        "b.txt": dvcq_report("UBND xã Tịnh Châu", 2024, [8] * 10, evidence="Đề án khác")})
    (old,) = query(db, "SELECT document_id FROM v_documents WHERE issuer = 'UBND xã Tịnh Kỳ'")
    new = tmp_path / "new.txt"
    new.write_text(dvcq_report("UBND xã Tịnh Kỳ", 2024, [9] * 10, evidence="Kế hoạch phối hợp mới"), "utf-8")
    store = Store(db)
    store.reload(old["document_id"], extract_file(new))
    store.close()
    con = sqlite3.connect(db)
    assert fts_entries(con) == fts_as_written(con) != []
    con.close()
    assert search(db, "de an phoi hop cu") == []
    assert [r["text"][-21:] for r in search(db, "phoi hop moi")] == ["Kế hoạch phối hợp mới"]


def test_migration_0003_indexes_documents_loaded_before_it(db):
    upgrade_to(db, "0002")
    con = sqlite3.connect(db)
    con.execute("INSERT INTO documents (id, file_name, path, sha256, format, framework, assessment_year, total_max, "
                "total_self, is_current, loaded_at) VALUES (1, 'old.txt', '/x/old.txt', 'abc', 'txt', 'dvcq', 2023, "
                "100, 91, 1, '2024-01-01')")
    con.execute("INSERT INTO document_texts VALUES (1, 'Báo cáo\n\n  Công tác Dân vận chính quyền  \nhết')")
    con.commit()
    con.close()
    Store(db)
    assert query(db, "SELECT kind, text, line, char_start, char_end FROM v_search") == [
        {"kind": "text", "text": "Báo cáo", "line": 1, "char_start": 0, "char_end": 7},
        {"kind": "text", "text": "Công tác Dân vận chính quyền", "line": 3, "char_start": 11, "char_end": 39},
        {"kind": "text", "text": "hết", "line": 4, "char_start": 42, "char_end": 45}]
    assert [r["text"] for r in search(db, "dan van")] == ["Công tác Dân vận chính quyền"]
    assert query(db, "SELECT classification_earned FROM v_documents") == [{"classification_earned": "xuat_sac"}]
