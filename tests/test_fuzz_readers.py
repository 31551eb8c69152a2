"""Property tests over the readers: any bytes give a document or a typed IngestError, never another
exception, within a time budget (Hypothesis deadline) and a memory budget (the address space this
process may still grow by is capped while the properties run, so a blow-up is a MemoryError and a
failure). Inputs are arbitrary bytes and mutations of good reports in every format.

CI runs a short budget; `make fuzz` sets CHAMDIEM_FUZZ_EXAMPLES for a long one."""
import os
import pathlib
import resource
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chamdiem.model.errors import IngestError
from chamdiem.pipeline.extract import extract_document
from chamdiem.readers.dispatch import read_checked

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "bench"))
import make_hostile  # noqa: E402

EXAMPLES = int(os.environ.get("CHAMDIEM_FUZZ_EXAMPLES", "40"))
MEMORY_BUDGET_MB = 768
FUZZ = settings(max_examples=EXAMPLES, deadline=10_000, derandomize="CHAMDIEM_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture], database=None)


def _good(fmt: str) -> bytes:
    if fmt in ("txt", "md"):
        return make_hostile.base_text().encode()
    if fmt == "html":
        return make_hostile.good_html()
    if fmt == "docx":
        return make_hostile.good_docx()
    pdf = make_hostile.good_pdf()
    if pdf is None:
        pytest.skip("the DejaVu font (fonts-dejavu-core) writes the PDF")
    return pdf


@pytest.fixture(scope="module")
def goods():
    return {}


@pytest.fixture
def memory_budget():
    """Caps the address space at what this process has now plus the budget, for the test's length."""
    with open("/proc/self/status") as fh:
        vm = next(int(line.split()[1]) for line in fh if line.startswith("VmSize")) * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (vm + MEMORY_BUDGET_MB * 1024 * 1024, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def read_or_typed_error(name: str, data: bytes) -> None:
    try:
        model = read_checked(name, data, "0" * 64)
    except IngestError as exc:
        assert exc.kind and exc.reason, (exc.kind, exc.reason)
        return
    assert model.text.strip()
    extract_document(model)   # extraction of whatever was read never fails either


@st.composite
def mutated(draw, good: bytes):
    """A good file with a few edits: flipped bits, a cut, a hole, a repeat, inserted junk."""
    data = bytearray(good)
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "cut", "hole", "repeat", "insert"]))
        n = len(data)
        if n == 0:
            break
        i = draw(st.integers(0, n - 1))
        if how == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        elif how == "cut":
            del data[i:]
        elif how == "hole":
            del data[i:i + draw(st.integers(1, 300))]
        elif how == "repeat":
            j = min(n, i + draw(st.integers(1, 300)))
            data[i:i] = data[i:j] * draw(st.integers(1, 3))
        else:
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
    return bytes(data)


FORMATS = ["txt", "md", "html", "docx", "pdf"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_any_bytes_give_a_document_or_a_typed_error(fmt, memory_budget):
    @FUZZ
    @given(st.binary(max_size=4096))
    def prop(data):
        read_or_typed_error(f"fuzz.{fmt}", data)
    prop()


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_reports_give_a_document_or_a_typed_error(fmt, goods, memory_budget):
    good = goods.setdefault(fmt, _good(fmt))

    @FUZZ
    @given(mutated(good))
    def prop(data):
        read_or_typed_error(f"fuzz.{fmt}", data)
    prop()
