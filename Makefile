# Kinerja: `make ingest` and `make test` on a fresh clone do all the set-up they need.
SHELL := /bin/bash
RAW ?= data/raw
DB ?= data/warehouse/kinerja.duckdb
REPORT_DIR ?= data/warehouse/reports
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
# Debian packages the pipeline and its tests need: OCR with Indonesian data, the fonts the
# test-archive generator embeds, poppler-utils for looking at pages by hand, chromium for the
# browser test of the HTML report.
APT_PACKAGES := tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng fonts-dejavu-core fonts-dejavu-extra fonts-liberation poppler-utils chromium
export UV_PYTHON_DOWNLOADS := never

.PHONY: help setup system-deps ingest report test bench engines corpus corpus-check clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

setup: system-deps $(VENV)/.synced ## virtualenv from uv.lock + Debian packages (idempotent)

system-deps:
	@bash .ci/system-deps.sh $(APT_PACKAGES)

$(VENV)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install -q "uv==$(UV_VERSION)" \
	  || { echo "setup: could not install uv from PyPI (python3 -m pip install uv)"; exit 1; }
	uv sync --frozen
	@touch $@

ingest: setup ## ingest RAW (default data/raw) into DB (default data/warehouse/kinerja.duckdb)
	$(PY) -m pipeline ingest "$(RAW)" --db "$(DB)"

report: setup ## discrepancy report of DB into data/warehouse/reports
	$(PY) -m pipeline report --db "$(DB)" --out "$(REPORT_DIR)" --raw "$(RAW)"

test: setup ## the test suite
	$(PY) -m pytest -q

bench: setup ## pages/s of the pipeline vs bare pdfplumber (digital) and vs bare tesseract (scans)
	$(PY) -m pipeline bench "$(RAW)/digital" --ocr-folder "$(RAW)/scan"

engines: setup ## score the project's table reader and camelot's flavors on the truth -> data/warehouse/engines.json
	$(PY) -m tests.extract.engines

corpus: setup ## regenerate the test archive data/raw from tests/truth
	$(PY) -m tests.corpus.generate --out data/raw

clean: ## remove the warehouse output (not the virtualenv)
	rm -rf data/warehouse/*.duckdb data/warehouse/*.wal $(REPORT_DIR)
