# warnline: `make demo` and `make test` are all a new user needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
DEMO_DIR := var/demo
DEMO_DB := sqlite:///$(CURDIR)/$(DEMO_DIR)/warnline.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test lint types pytest bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "warnline needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	mkdir -p $(DEMO_DIR)
	WARNLINE_DB=$(DEMO_DB) $(BIN)/warnline init
	WARNLINE_DB=$(DEMO_DB) $(BIN)/warnline ingest examples/ || true
	@WARNLINE_DB=$(DEMO_DB) $(BIN)/warnline tokens create --role admin --name demo \
		--format json > $(DEMO_DIR)/token.json
	@echo "Serving the demo store on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@echo "Sign in with this admin token (also in $(DEMO_DIR)/token.json):"
	@$(BIN)/python -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' \
		$(DEMO_DIR)/token.json
	WARNLINE_DB=$(DEMO_DB) WARNLINE_DATA_DIR=$(CURDIR)/$(DEMO_DIR) \
		$(BIN)/warnline serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

types: install
	$(BIN)/mypy src

pytest: install
	$(BIN)/pytest

test: lint types pytest

# Speeds and memory are measured here, never asserted in tests. scale.py ingests a corpus of
# 2,000 reports six ways (about an hour on 2 cores); BENCH_REPORTS=200 makes a quick run.
BENCH_REPORTS ?= 2000
bench: install
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/resolution_eval.py
	$(BIN)/python bench/cluster_eval.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/scale.py --reports $(BENCH_REPORTS)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
