"""Whether a change leaves the extraction as it was: a hash of each file's Report (observations and
their values, scores, citations, findings, metadata; the document model with --model) from this
checkout and from an older commit, each in its own process, and the files whose hashes differ.

    .venv/bin/python bench/extraction_hashes.py FOLDER [FOLDER ...] [--baseline HEAD~1] [--quarter 300]

--quarter N adds N text reports in the quarter's shape (bench/make_quarter.py's report_text, a
fixed seed) written to a temporary folder. A file that fails to read hashes its error.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import pathlib
import random
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

_ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def plain(value, skip: tuple[str, ...] = ("model",)):
    """``value`` as JSON-ready data: dataclasses field by field (without ``skip``), floats by repr
    (NaN included), sets sorted, other objects by their attributes or their repr."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name), skip) for f in dataclasses.fields(value) if f.name not in skip}
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): plain(v, skip) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, skip) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v, skip) for v in value), key=repr)
    if hasattr(value, "__dict__"):
        return {type(value).__name__: plain(vars(value), skip)}
    return _ADDRESS.sub("0x", repr(value))


def measure(job: list, _repeat: int = 0) -> dict:
    """file -> hash of its extraction, for ``job`` = [files, with_model] (run in a child, against
    the chamdiem on its path, by bench_all.run_in_child)."""
    files, with_model = job
    from chamdiem.pipeline.extract import extract_document
    from chamdiem.readers.dispatch import read_checked
    out = {}
    for path in files:
        try:
            report = extract_document(read_checked(path, pathlib.Path(path).read_bytes(), "x"))
            text = json.dumps(plain(report, () if with_model else ("model",)), ensure_ascii=False, sort_keys=True)
        except Exception as exc:  # noqa: BLE001 - a file that fails is compared by its error
            text = f"{type(exc).__name__}: {exc}"
        out[path] = hashlib.sha256(text.encode()).hexdigest()
    return out


def _child(pythonpath: str | None, files: list[str], with_model: bool) -> dict:
    import bench_all
    return bench_all.run_in_child("extraction_hashes", pythonpath, [files, with_model], 0, env={})


def quarter_reports(folder: pathlib.Path, count: int, seed: int = 20261207) -> list[str]:
    import make_mix
    import make_quarter
    rng = random.Random(seed)
    paths = []
    for k in range(count):
        text = make_quarter.report_text(rng, f"{rng.choice(make_mix.UNITS)} {k}", rng.choice([2023, 2024, 2025]),
                                        rng.randint(0, 3), bump=rng.choice([0, 0, 0.5]))
        path = folder / f"quarter_{k:04d}.txt"
        path.write_text(text, "utf-8")
        paths.append(str(path))
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--baseline", default="HEAD~1")
    ap.add_argument("--quarter", type=int, default=0)
    ap.add_argument("--model", action="store_true", help="hash the document model too")
    a = ap.parse_args()
    files = sorted(str(p) for folder in a.folders for p in pathlib.Path(folder).iterdir() if p.is_file())
    if a.quarter:
        files += quarter_reports(pathlib.Path(tempfile.mkdtemp(prefix="chamdiem-quarter-")), a.quarter)
    import bench_all
    now = _child(None, files, a.model)
    base = _child(bench_all.baseline_tree(a.baseline), files, a.model)
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", a.baseline], capture_output=True,
                         text=True).stdout.strip()
    differ = [f for f in files if now[f] != base[f]]
    print(f"{len(files)} files, {len(differ)} with another extraction than {rev}'s")
    for path in differ:
        print("  " + path)
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
