"""An unchanged file is skipped by what the file system says of it, without being read; a file
whose content changed is read again even when its size and modification time were put back."""
import os
import shutil

from conftest import FIXTURES, query
from chamdiem.pipeline.filestate import FileState
from chamdiem.pipeline.ingest import find_files, ingest
from chamdiem.store.database import Store


def _copy_fixtures(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("tsv_sheet_short_rows_and_html_cells.txt", "row_matching_no_item.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_loaded_files_are_skipped_by_their_state(tmp_path, db):
    folder = _copy_fixtures(tmp_path)
    assert ingest([str(folder)], db, workers=1, quiet=True).loaded == 2
    files = find_files([str(folder)])
    todo, same = FileState(Store(db).file_states(), racy_ns=0).split(files)
    assert (todo, same) == ([], files)
    again = ingest([str(folder)], db, workers=1, quiet=True)
    assert (again.loaded, again.unchanged, again.failed) == (0, 2, 0)


def test_a_record_taken_as_the_file_was_written_is_not_trusted(tmp_path, db):
    folder = _copy_fixtures(tmp_path)
    ingest([str(folder)], db, workers=1, quiet=True)
    files = find_files([str(folder)])
    todo, same = FileState(Store(db).file_states()).split(files)  # written just now: within the racy window
    assert (todo, same) == (files, [])


def test_content_changed_under_the_same_size_and_mtime_is_read_again(tmp_path, db):
    folder = _copy_fixtures(tmp_path)
    ingest([str(folder)], db, workers=1, quiet=True)
    path = folder / "row_matching_no_item.txt"
    st = os.stat(path)
    data = path.read_bytes()
    changed = data[:-3] + (b"1" if data[-3:-2] != b"1" else b"2") + data[-2:]  # the last score
    assert changed != data and len(changed) == len(data)
    path.write_bytes(changed)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the modification time put back
    assert os.stat(path).st_mtime_ns == st.st_mtime_ns and os.stat(path).st_size == st.st_size
    todo, _ = FileState(Store(db).file_states(), racy_ns=0).split(find_files([str(folder)]))
    assert todo == [str(path)]
    again = ingest([str(folder)], db, workers=1, quiet=True)
    assert again.unchanged == 1 and again.loaded + again.replaced == 1
    assert len(query(db, "SELECT * FROM v_document_versions")) == 3
