"""The real seed reports against their hand-checked gold. Skipped where ../shared is absent."""
import subprocess
import sys

import pytest

from conftest import SHARED
from chamdiem.interfaces.cli import main

pytestmark = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared (seeds and gold) not present")


def test_seeds_meet_the_gold_thresholds(db):
    main(["ingest", str(SHARED / "seeds"), "--db", db, "--quiet"])
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "check_gold.py"), "--db", db, "--gold",
                          str(SHARED / "gold"), "--min-score", "1", "--min-findings", "1", "--min-provenance", "1",
                          "--min-metadata", "0.9"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
