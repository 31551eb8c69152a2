# Two commands set everything up: `make ingest` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install ingest lint test bench bench-quarter bench-export bench-ocr ocr fuzz forge clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,distributed]'
	touch $(STAMP)

ingest: install
	$(BIN)/chamdiem ingest data/raw --db data/processed/scores.sqlite

# the layers point down (import-linter); no function of the package above cyclomatic complexity 25
# (radon; tests/lint_complexity.py lists the few allowed while they are rewritten)
lint: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/python tests/lint_complexity.py chamdiem

test: lint
	$(BIN)/python -m pytest -q

# the commit the mix is measured against in the same run (make bench BENCH_BASELINE=...)
BENCH_BASELINE ?= b78c195
# every figure side by side (this checkout, the commit before the speed work, the libraries), then the
# 10,000-report database; a few minutes
bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench,distributed]'
	$(BIN)/python bench/bench_mix.py --baseline $(BENCH_BASELINE)
	$(BIN)/python bench/bench_all.py
	$(BIN)/python bench/bench_db.py --reports 10000 --before

bench-quarter: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench,distributed]'
	rm -rf /tmp/chamdiem-quarter /tmp/chamdiem-rerun
	$(BIN)/python bench/make_quarter.py /tmp/chamdiem-quarter --reports 1000
	$(BIN)/python bench/bench_quarter.py /tmp/chamdiem-quarter --workers 2
	$(BIN)/python bench/bench_rerun.py /tmp/chamdiem-rerun --files 10000 --workers 2

# OCR for scanned reports: tesseract with the Vietnamese model (Debian) and the Python extra.
ocr: install
	command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-vie)
	$(BIN)/python -m pip install --quiet -e '.[test,ocr]'

bench-ocr: ocr
	$(BIN)/python bench/bench_ocr.py
bench-export: install
	$(BIN)/python bench/bench_export.py --reports 1000

# The long fuzz budget: Hypothesis properties with many examples, then the full-size hostile corpus
# and 10,000 mutated reports through a real ingest (bench/fuzz_ingest.py prints the figures).
fuzz: install
	-$(BIN)/python -m pip install --quiet -e '.[test,fuzz]' || echo "atheris not installed: Hypothesis and mutations only"
	CHAMDIEM_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/test_fuzz_readers.py
	CHAMDIEM_FUZZ_EXAMPLES=300 $(BIN)/python -m pytest -q tests/test_fuzz_ocr.py   # each example runs tesseract
	if $(BIN)/python -c "import atheris" 2>/dev/null; then $(BIN)/python bench/atheris_readers.py -runs=20000; fi
	$(BIN)/python bench/fuzz_ingest.py /tmp/chamdiem-fuzz --heavy --mutations 10000

# Forged reports (bench/forge.py) read and scored against their gold: accuracy per dimension.
# FORGE_N reports (a few minutes at the default on 2 cores), FORGE_SEED, into FORGE_DIR; FORGE_PROSE of
# them with their scores in prose only, no sheet (0: the sheet reports alone, the draw of earlier rounds).
FORGE_N ?= 200
FORGE_SEED ?= 1
FORGE_PROSE ?= 0.3
FORGE_DIR ?= /tmp/chamdiem-forge
forge: install
	rm -rf $(FORGE_DIR)
	$(BIN)/python bench/forge.py $(FORGE_DIR) --reports $(FORGE_N) --seed $(FORGE_SEED) --prose-share $(FORGE_PROSE)
	$(BIN)/python bench/forge_score.py $(FORGE_DIR) --ingest --workers 2

clean:
	rm -rf $(VENV) data/processed/*.sqlite* build *.egg-info
