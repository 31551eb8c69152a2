"""`make lint`: no function of the package has a cyclomatic complexity (radon) above MAX_COMPLEXITY.

ALLOWED names the functions over the limit that are being rewritten elsewhere, each with why; the
lead empties it as the rewrites land. An allowed function that has come under the limit, or no longer
exists, is reported too, so the list never holds more than it must.

    python tests/lint_complexity.py [FOLDER ...]     (default: chamdiem)"""
from __future__ import annotations

import sys
from pathlib import Path

from radon.complexity import cc_visit

MAX_COMPLEXITY = 25
ROOT = Path(__file__).resolve().parent.parent

# "path::qualified name" -> why it may stay over the limit for now
ALLOWED = {
}


def complexities(path: Path, root: Path = ROOT) -> dict[str, int]:
    """'path::name' -> complexity of every function, method and nested function of one file."""
    out: dict[str, int] = {}
    where = path.resolve().relative_to(root).as_posix()

    def visit(blocks, prefix: str) -> None:
        for block in blocks:
            if hasattr(block, "methods"):
                continue                           # a class: radon lists its methods beside it
            name = f"{prefix}{block.fullname}"
            out[f"{where}::{name}"] = block.complexity
            visit(block.closures, f"{name}.")
    visit(cc_visit(path.read_text("utf-8")), "")
    return out


def problems(folders: list[Path], allowed: dict[str, str], root: Path = ROOT,
             limit: int = MAX_COMPLEXITY) -> list[str]:
    measured: dict[str, int] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            measured.update(complexities(path, root))
    out = [f"{name}: cyclomatic complexity {value} > {limit}" for name, value in sorted(measured.items())
           if value > limit and name not in allowed]
    out += [f"{name}: allowed over {limit} but it is {measured[name]} now: remove it from ALLOWED"
            for name in sorted(allowed) if name in measured and measured[name] <= limit]
    scanned = [folder.resolve().relative_to(root).as_posix() + "/" for folder in folders]
    out += [f"{name}: allowed but no such function: remove it from ALLOWED" for name in sorted(allowed)
            if name not in measured and any(name.startswith(s) for s in scanned)]
    return out


def main(argv: list[str]) -> int:
    folders = [ROOT / a for a in argv] or [ROOT / "chamdiem"]
    found = problems(folders, ALLOWED)
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print(f"complexity: every function at most {MAX_COMPLEXITY} "
              f"({len(ALLOWED)} allowed over it while rewritten: {', '.join(sorted(ALLOWED))})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
