"""Citation-extraction throughput on one core, in MB of document text per second.

Reads the seed reports when ../shared is beside the checkout, else the sample reports in data/raw
and the test fixtures; parses them once, then times extract_citations over the parsed documents
repeated until at least --mb MB of text has been processed. Prints the figures.
"""
from __future__ import annotations

import argparse
import pathlib
import time

from chamdiem.extractors.citations import extract_citations
from chamdiem.readers.dispatch import read_bytes, read_document

ROOT = pathlib.Path(__file__).resolve().parents[1]


def corpus() -> tuple[str, list]:
    seeds = ROOT.parent / "shared" / "seeds"
    paths = sorted(seeds.glob("*.txt")) if seeds.is_dir() else \
        sorted((ROOT / "data" / "raw").iterdir()) + sorted((ROOT / "tests" / "fixtures").iterdir())
    docs = []
    for p in paths:
        data, sha = read_bytes(str(p))
        docs.append(read_document(str(p), data, sha))
    return (str(seeds) if seeds.is_dir() else "data/raw + tests/fixtures"), docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="text to process, in MB (default %(default)s)")
    a = ap.parse_args()
    source, docs = corpus()
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    extract_citations(docs[0])  # warm the pattern caches
    rounds = max(1, int(a.mb * 1e6 / size))
    mentions = 0
    t0 = time.process_time()
    for _ in range(rounds):
        for d in docs:
            mentions += len(extract_citations(d))
    cpu = time.process_time() - t0
    mb = size * rounds / 1e6
    print(f"corpus: {source}: {len(docs)} documents, {size / 1e6:.3f} MB of text, "
          f"{mentions // rounds} mentions per pass")
    print(f"citation extraction: {mb:.1f} MB in {cpu:.2f} s CPU on one core = {mb / cpu:.1f} MB/s "
          f"({mentions / cpu:,.0f} mentions/s)")


if __name__ == "__main__":
    main()
