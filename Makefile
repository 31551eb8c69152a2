# Two commands set everything up: `make ingest` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install ingest test bench bench-quarter fuzz clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

ingest: install
	$(BIN)/chamdiem ingest data/raw --db data/processed/scores.sqlite

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/bench_citations.py
	$(BIN)/python bench/bench_formats.py

bench-quarter: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	rm -rf /tmp/chamdiem-quarter
	$(BIN)/python bench/make_quarter.py /tmp/chamdiem-quarter --reports 1000
	$(BIN)/python bench/bench_quarter.py /tmp/chamdiem-quarter --workers 2

# The long fuzz budget: Hypothesis properties with many examples, then the full-size hostile corpus
# and 10,000 mutated reports through a real ingest (bench/fuzz_ingest.py prints the figures).
fuzz: install
	-$(BIN)/python -m pip install --quiet -e '.[test,fuzz]' || echo "atheris not installed: Hypothesis and mutations only"
	CHAMDIEM_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/test_fuzz_readers.py
	if $(BIN)/python -c "import atheris" 2>/dev/null; then $(BIN)/python bench/atheris_readers.py -runs=20000; fi
	$(BIN)/python bench/fuzz_ingest.py /tmp/chamdiem-fuzz --heavy --mutations 10000

clean:
	rm -rf $(VENV) data/processed/*.sqlite* build *.egg-info
