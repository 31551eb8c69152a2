"""What a run keeps for the next (chamdiem/lexicon/kept.py): compiled patterns and parsed catalogs.
A pattern built from the program an earlier process kept is the one regex.compile makes, a catalog
from a kept parse is tomllib's, a report reads the same with the folder empty, filled or turned off,
and a kept file that cannot be used is compiled past, never failed on. Each run is a process of
its own, as every chamdiem command is."""
import json
import os
import subprocess
import sys

from conftest import FIXTURES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PATTERNS = [
    (r"(?P<num>\d{1,5})(?:\s?\^\s?(?P<sup>[A-Z])|(?P<suf>[A-Z])(?![\p{L}]))?", 0),
    (r"ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*(?:19|20)\d\d", "I"),
    (r"\d", "REVERSE"),
    (r"(?<![\p{L}])(?:tự\s+chấm|tự\s+đánh\s+giá)\s+(?P<v>\d+(?:[.,]\d+)?)\s*điểm", "I"),
    (r"^\s*(?:[IVX]+|\d+)\s*[.)]\s+(?P<word>Tiêu chí|Nội dung)\s*(?P<n>\d+)", "I|M"),
]
TEXT = ("Tiêu chí 1: tự chấm 9,5 điểm ngày 02 tháng 10 năm 2024\n2. Nội dung 3 Số 12A/BC ngày 5 "
        "TIÊU CHÍ 2 TỰ ĐÁNH GIÁ 10 ĐIỂM 45^B năm 2023")

PROBE = '''
import json, sys
import regex
from chamdiem.lexicon import compiled_patterns
out = []
for pattern, flags in json.loads(sys.argv[1]):
    value = 0
    for name in (flags.split("|") if flags else []):
        value |= getattr(regex, name)
    for made in (compiled_patterns.compile(pattern, value), regex.compile(pattern, value)):
        out.append([made.pattern, int(made.flags), made.groups, dict(made.groupindex),
                    [[m.span(), m.groupdict(), m.group()] for m in made.finditer(sys.argv[2])]])
print(json.dumps(out))
'''


def _run(code: str, *args: str, cache: str) -> str:
    env = dict(os.environ, CHAMDIEM_CACHE=cache, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True,
                          cwd=ROOT, env=env).stdout


def _compiled(cache: str) -> list:
    return json.loads(_run(PROBE, json.dumps(PATTERNS), TEXT, cache=cache))


def _kept_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_pattern_built_from_a_kept_program_is_the_one_regex_compiles(tmp_path):
    folder = tmp_path / "cache"
    first = _compiled(str(folder))       # compiled, and the programs kept
    kept = _kept_files(folder)
    assert len(kept) == 1 and kept[0].startswith("regex-") and kept[0].endswith(".programs")
    again = _compiled(str(folder))       # built from the kept programs
    assert first == again
    for ours, theirs in zip(again[0::2], again[1::2]):
        assert ours == theirs
    assert any(matches for *_, matches in again)   # the texts do match: the comparison is not of nothing


def test_a_kept_file_that_cannot_be_used_is_compiled_past_and_written_again(tmp_path):
    folder = tmp_path / "cache"
    expected = _compiled(str(folder))
    (kept,) = folder.iterdir()
    whole = kept.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"not a program file", b""):
        kept.write_bytes(damaged)
        assert _compiled(str(folder)) == expected
        assert kept.read_bytes() != damaged   # the programs compiled were kept again


def test_off_keeps_nothing_and_a_folder_that_cannot_be_made_is_not_an_error(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder would be")
    expected = _compiled("off")
    assert _compiled(str(blocker / "cache")) == expected
    assert blocker.read_text() == "a file where the cache folder would be"
    assert _kept_files(tmp_path) == ["blocker"]


EXTRACT = '''
import sys
from chamdiem.pipeline.reading import process_file
for path in sys.argv[1:]:
    outcome = process_file(path)
    doc = outcome.doc
    print(path, outcome.error_kind, sorted(map(repr, doc.scores)) if doc else None,
          sorted(map(repr, doc.findings)) if doc else None, repr(doc.metadata) if doc else None)
'''


def test_reports_read_the_same_with_no_kept_patterns_with_them_and_with_the_store_off(tmp_path):
    reports = sorted(str(p) for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
    assert reports
    folder = str(tmp_path / "cache")
    cold = _run(EXTRACT, *reports, cache=folder)
    warm = _run(EXTRACT, *reports, cache=folder)
    off = _run(EXTRACT, *reports, cache="off")
    assert cold == warm == off
    assert cold.count("\n") == len(reports)


TOML_PROBE = '''
import json, sys, tomllib
from importlib import resources
from chamdiem.lexicon.catalogs import parsed_toml
texts = [p.read_text("utf-8") for p in sorted(resources.files("chamdiem.catalogs").iterdir(), key=str)
         if p.name.endswith(".toml")]
texts.append('when = 2024-11-02\\nname = "Tịnh Kỳ"\\n')   # a date: marshal cannot keep it
same = [parsed_toml(t) == tomllib.loads(t) for t in texts]
first = parsed_toml(texts[0])
first["changed by a caller"] = 1
print(json.dumps([len(texts), all(same), "changed by a caller" in parsed_toml(texts[0])]))
'''


def test_a_catalog_parsed_from_a_kept_parse_is_tomllibs_and_a_callers_own(tmp_path):
    folder = tmp_path / "cache"
    cold = json.loads(_run(TOML_PROBE, cache=str(folder)))
    assert any(name.startswith("toml-") for name in _kept_files(folder))
    warm = json.loads(_run(TOML_PROBE, cache=str(folder)))
    assert cold == warm and cold[0] > 10 and cold[1:] == [True, False]


CHECK_PROBE = '''
import json, sys
from chamdiem.lexicon import catalogs
from chamdiem.model.errors import CatalogError
text = catalogs.resources.files("chamdiem.catalogs").joinpath("columns.toml").read_text("utf-8")
if sys.argv[1] == "bad-text":   # a role without its phrases
    text = text.replace("phrases", "phrasez", 1)
if sys.argv[1] == "new-shape":   # the code now wants a key the catalog lacks
    catalogs.SHAPES["columns"] = {**catalogs.SHAPES["columns"], "wanted_by_new_code": catalogs.STR}
try:
    catalogs._check_once(catalogs.parsed_toml(text), text, "columns", "chamdiem/catalogs/columns.toml")
    print(json.dumps("ok"))
except CatalogError as exc:
    print(json.dumps(str(exc)))
'''


def test_a_catalog_found_right_once_is_not_walked_again_but_a_changed_text_or_shape_is(tmp_path):
    """The shape check of a catalog is kept as a pass for its text and the shape of this code: a
    catalog edited since, or code wanting another shape, is checked again and refused every time."""
    folder = str(tmp_path / "cache")
    assert json.loads(_run(CHECK_PROBE, "good", cache=folder)) == "ok"
    assert json.loads(_run(CHECK_PROBE, "good", cache=folder)) == "ok"
    for _ in range(2):   # only passes are kept: a refusal is said again in every run
        bad = json.loads(_run(CHECK_PROBE, "bad-text", cache=folder))
        assert "columns.toml" in bad and "phrases is missing" in bad, bad
        new = json.loads(_run(CHECK_PROBE, "new-shape", cache=folder))
        assert "wanted_by_new_code is missing" in new, new


RE_PATTERNS = [
    (r"(?<![^\W_])(?:(?P<head>(?i:quyết\s+định|thông\s+tư))(?![^\W\d_])|(?P<bare>\d{1,5})(?=\s*/))", 0),
    (r"\ tự\ chấm\ |\ điểm\ tối\ đa\ ", 0),
    (r"^(?:TỔNG|CHỦ\ TỊCH)\b", "M"),
    (r"ngày\s+\d{1,2}", "I"),
]
RE_TEXT = "Quyết định 12/QĐ-UBND ngày 5 tháng 3; điểm tối đa 10, tự chấm 9,5\nCHỦ TỊCH\nThông tư 3/2024"

RE_PROBE = '''
import json, re, sys
from chamdiem.lexicon import compiled_patterns
out = []
for pattern, flags in json.loads(sys.argv[1]):
    value = 0
    for name in (flags.split("|") if flags else []):
        value |= getattr(re, name)
    ours, theirs = compiled_patterns.compile_re(pattern, value), re.compile(pattern, value)
    for made in (ours, theirs):
        out.append([made.pattern, made.flags, made.groups, dict(made.groupindex),
                    [[m.span(), m.groupdict(), m.group()] for m in made.finditer(sys.argv[2])]])
    out.append(ours == theirs)   # (re's patterns are equal when their programs are)
print(json.dumps(out))
'''


def _compiled_re(cache: str, patterns=RE_PATTERNS) -> list:
    return json.loads(_run(RE_PROBE, json.dumps(patterns), RE_TEXT, cache=cache))


def test_a_standard_library_pattern_built_from_a_kept_program_is_the_one_re_compiles(tmp_path):
    folder = tmp_path / "cache"
    first = _compiled_re(str(folder))
    assert [name.split("-")[0] for name in _kept_files(folder)] == ["re"]
    again = _compiled_re(str(folder))    # built from the kept programs
    assert first == again
    for ours, theirs, same in zip(again[0::3], again[1::3], again[2::3]):
        assert ours == theirs and same is True
    assert all(matches for *_, matches in again[0::3])


def test_a_changed_pattern_is_compiled_not_served_the_program_of_the_old_one(tmp_path):
    """A pattern made from a catalog is kept under its whole text: the catalog edited (one phrase
    more), the pattern is another and gets its own program; the old one still has its own."""
    folder = str(tmp_path / "cache")
    old, new = [(r"\ tự\ chấm\ ", 0)], [(r"\ tự\ chấm\ |\ điểm\ tối\ đa\ ", 0)]
    assert _compiled_re(folder, old)[0][4] == [[[53, 62], {}, " tự chấm "]]
    assert _compiled_re(folder, new)[0][4] == [[[37, 50], {}, " điểm tối đa "], [[53, 62], {}, " tự chấm "]]
    assert _compiled_re(folder, old)[0][4] == [[[53, 62], {}, " tự chấm "]]
    damaged = next((tmp_path / "cache").iterdir())
    damaged.write_bytes(damaged.read_bytes()[:40])
    assert _compiled_re(folder, new)[0][4] == [[[37, 50], {}, " điểm tối đa "], [[53, 62], {}, " tự chấm "]]


def _kept_keys(folder) -> dict:
    import marshal
    return {path.name: set(marshal.loads(path.read_bytes())[1]) for path in folder.iterdir()}


def test_the_patterns_a_report_needs_are_the_same_texts_in_every_process_and_kept_once(tmp_path):
    """Patterns made from the catalogs' sets of words list them in one order whatever the process's
    string hashing: a second process finds every program the first kept, and keeps nothing new."""
    reports = sorted(str(p) for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
    folder = tmp_path / "cache"
    outputs, kept = [], []
    for seed in ("1", "2", "3"):
        env = dict(os.environ, CHAMDIEM_CACHE=str(folder), PYTHONPATH=ROOT, PYTHONHASHSEED=seed)
        outputs.append(subprocess.run([sys.executable, "-c", EXTRACT, *reports], capture_output=True, text=True,
                                      check=True, cwd=ROOT, env=env).stdout)
        kept.append(_kept_keys(folder))
    assert outputs[0] == outputs[1] == outputs[2]
    assert any(name.startswith("re-") for name in kept[0])
    assert kept[0] == kept[1] == kept[2]


MATCH_PROBE = '''
import json, sys
from chamdiem.normalizers.frameworks import _similarity, parse_framework
texts = json.loads(sys.argv[1])
raw = {"id": "kt", "items": [{"id": "kt", "text": "Tổng điểm", "max": 20}] +
       [{"id": f"kt.{k}", "text": text, "max": 10} for k, text in enumerate(texts, 1)]}
index = parse_framework(raw).index
labels = json.loads(sys.argv[2])
print(json.dumps([[index.top2(label) for label in labels],
                  [_similarity(label, item.folded) for label in labels for item in index.items],
                  "rapidfuzz" in sys.modules]))
'''
ITEM_TEXTS = ["Ban hành kế hoạch thực hiện công tác dân vận chính quyền", "Tổ chức tiếp công dân định kỳ"]
LABELS = ["ban hanh ke hoach thuc hien cong tac dan van", "to chuc tiep cong dan dinh ky hang thang"]


def _matched(cache: str, texts: list[str]) -> list:
    return json.loads(_run(MATCH_PROBE, json.dumps(texts), json.dumps(LABELS), cache=cache))


def test_a_ranking_kept_is_used_only_for_the_same_items_and_an_edited_framework_is_ranked_again(tmp_path):
    """The matches of a report's rows are kept under the framework's items: a second process ranks
    nothing (no rapidfuzz), and after an edit of the framework's texts (here its two items swapped
    and one reworded) it ranks again and finds what a process keeping nothing finds."""
    folder = str(tmp_path / "cache")
    off = _matched("off", ITEM_TEXTS)
    assert off[0][0][0][1] == "kt.1" and off[0][1][0][1] == "kt.2" and off[2] is True
    assert _matched(folder, ITEM_TEXTS) == off
    assert any(name.startswith("matching-") for name in _kept_files(tmp_path / "cache"))
    warm = _matched(folder, ITEM_TEXTS)
    assert warm[:2] == off[:2] and warm[2] is False   # nothing ranked: all of it was kept
    edited = [ITEM_TEXTS[1], "Ban hành kế hoạch công tác dân vận"]
    edited_off = _matched("off", edited)
    assert edited_off[0][0][0][1] == "kt.2" and edited_off[0][0][0][0] != off[0][0][0][0]
    assert _matched(folder, edited) == edited_off
    assert _matched(folder, ITEM_TEXTS)[:2] == off[:2]


LATER_PROBE = '''
import sys
from chamdiem.lexicon import kept
store = kept.Kept("later-test.kept")
store.put_later("first", 1)
kept.write_later_values(more=False)   # as a reading worker does after its first report
store.put_later("second", 2)          # kept for this process alone
print(store.get("first"), store.get("second"))
'''


def test_values_put_later_are_written_once_and_a_worker_keeps_its_later_ones_for_itself(tmp_path):
    import marshal
    folder = tmp_path / "cache"
    assert _run(LATER_PROBE, cache=str(folder)).split() == ["1", "2"]
    assert marshal.loads((folder / "later-test.kept").read_bytes())[1] == {"first": 1}


def test_a_kept_file_too_large_for_a_workers_memory_ceiling_is_not_used(tmp_path):
    # values kept over many versions grow the file; a worker under its memory ceiling ('--max-memory-mb')
    # that could not load it failed the good report it was reading ('too_large'): it reads on without it
    script = tmp_path / "probe.py"
    script.write_text(
        "import marshal, resource, sys\n"
        "from chamdiem.lexicon import kept\n"
        "path = sys.argv[1]\n"
        "with open(path, 'wb') as out:\n"
        "    out.write(marshal.dumps((kept._MAGIC, {str(k): str(k) * 200 for k in range(60_000)})))\n"
        "import gc; gc.collect()\n"
        "used = int(open('/proc/self/statm').read().split()[0]) * resource.getpagesize()\n"
        "resource.setrlimit(resource.RLIMIT_AS, (used + 40 * 1024 * 1024, resource.RLIM_INFINITY))\n"
        "print(len(kept._read(path)))\n", "utf-8")
    out = subprocess.run([sys.executable, str(script), str(tmp_path / "big.kept")], capture_output=True, text=True,
                         cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert (out.returncode, out.stdout.strip()) == (0, "0"), out.stderr[-400:]
