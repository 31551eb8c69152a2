"""The hostile corpus (every kind of bench/make_hostile.py, at CI sizes) and mutated reports through
a real ingest: no batch crash, no hang, every file loaded or recorded with a documented failure kind
and a message, the reading workers under the memory ceiling, the database intact, no XXE leak.
`make fuzz` runs the same at full size with 10,000 mutants (bench/fuzz_ingest.py)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "bench"))
import fuzz_ingest  # noqa: E402
import make_hostile  # noqa: E402

MUTANTS = 60


def test_hostile_corpus_and_mutants_are_all_accounted_for(tmp_path):
    files = make_hostile.write_corpus(tmp_path / "kinds")
    assert len(set(files.values())) >= 50
    files.update(make_hostile.write_mutants(tmp_path / "mutants", MUTANTS))
    db = str(tmp_path / "fuzz.sqlite")
    run = fuzz_ingest.run_ingest([str(tmp_path / "kinds"), str(tmp_path / "mutants")], db, workers=2,
                                 memory_mb=1024, timeout=60, hang_after=600)
    assert (run["exitcode"], run["hung"]) == (0, False)
    acc = fuzz_ingest.account(db, files)
    assert acc["lost"] == []
    assert acc["unknown_kinds"] == [] and acc["internal_errors"] == 0 and acc["empty_messages"] == 0
    assert acc["integrity"] == "ok" and acc["xxe_leaks"] == 0
    assert 0 < run["worker_peak_mb"] < 1024
    # the kinds each refusal is known for
    assert {"too_large", "corrupt_file", "not_a_report", "undecodable_text", "unreadable_file",
            "encrypted_pdf" if make_hostile.good_pdf() else "corrupt_file"} <= set(acc["kinds"])
