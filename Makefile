# Two commands set everything up: `make ingest` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install ingest test bench bench-quarter clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,distributed]'
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

clean:
	rm -rf $(VENV) data/processed/*.sqlite* build *.egg-info
