"""classification_thresholds (behind v_documents.classification_earned) follows the framework
catalogs every time a database is opened, not only when the views change."""
import pathlib

from chamdiem.normalizers.framework_catalog import FRAMEWORKS_ENV
from chamdiem.store.database import Store
from conftest import query

DVCQ = pathlib.Path(__file__).resolve().parents[1] / "chamdiem" / "catalogs" / "frameworks" / "dvcq.toml"


def test_a_framework_added_later_brings_its_thresholds_to_an_existing_database(db, tmp_path, monkeypatch):
    Store(db)   # the database and its views exist before the framework is added
    assert query(db, "SELECT DISTINCT framework FROM classification_thresholds") == [{"framework": "dvcq"}]
    folder = tmp_path / "frameworks"
    folder.mkdir()
    (folder / "dvcqx.toml").write_text(DVCQ.read_text("utf-8").replace('"dvcq', '"dvcqx'), "utf-8")
    monkeypatch.setenv(FRAMEWORKS_ENV, str(folder))
    Store(db)
    rows = query(db, "SELECT classification, min_total FROM classification_thresholds WHERE framework = 'dvcqx' "
                     "ORDER BY min_total DESC")
    assert rows == [{"classification": "xuat_sac", "min_total": 90.0}, {"classification": "tot", "min_total": 70.0},
                    {"classification": "hoan_thanh", "min_total": 50.0},
                    {"classification": "khong_hoan_thanh", "min_total": 0.0}]


def test_a_threshold_edited_in_a_framework_file_reaches_the_database(db, tmp_path, monkeypatch):
    """The store compares a digest of the framework files, not their parsed content: an edit of
    one number is enough to bring the thresholds up to date."""
    folder = tmp_path / "frameworks"
    folder.mkdir()
    extra = folder / "dvcqx.toml"
    extra.write_text(DVCQ.read_text("utf-8").replace('"dvcq', '"dvcqx'), "utf-8")
    monkeypatch.setenv(FRAMEWORKS_ENV, str(folder))
    Store(db)
    Store(db)   # unchanged files: the thresholds are left as they are
    extra.write_text(extra.read_text("utf-8").replace("xuat_sac = 90", "xuat_sac = 92"), "utf-8")
    Store(db)
    assert query(db, "SELECT min_total FROM classification_thresholds WHERE framework = 'dvcqx' "
                     "AND classification = 'xuat_sac'") == [{"min_total": 92.0}]
