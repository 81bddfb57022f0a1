# Two entry points (README): `make run` and `make test`. Both create $(VENV) on first use with the exact versions
# in constraints.txt, from the first supported Python found (3.11, 3.12 or 3.13; set PYTHON=/path/to/python to choose).
SUPPORTED := python3.11 python3.12 python3.13 python3
PYTHON ?= $(firstword $(foreach p,$(SUPPORTED),$(shell $(p) -c 'import sys; print(sys.executable) if (3, 11) <= sys.version_info[:2] <= (3, 13) else None' 2>/dev/null | grep -v None)))
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test test-fast lint scorer short-names clean

$(STAMP): pyproject.toml setup.py constraints.txt
	@test -n "$(PYTHON)" || { echo "need Python 3.11, 3.12 or 3.13 (none found; set PYTHON=/path/to/python3.x)"; exit 1; }
	@echo "setting up $(VENV) with $(PYTHON): nightdesk and the exact versions in constraints.txt (spaCy and its model,"
	@echo "Prefect, DuckDB and its extensions, ...; about 100 s the first time)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar off -c constraints.txt -e ".[test,lint]" | grep -E "^(Collecting|Successfully installed)" || true
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/nightdesk run --input seeds/articles --warehouse warehouse

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Everything but the end-to-end tests that run the Prefect flow (marker e2e): a quick check of another Python.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not e2e"

# ruff (lint and format) over the Python, sqlfluff (DuckDB dialect) over sql/; settings in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check flows tests bench
	$(BIN)/ruff format --check flows tests bench
	$(BIN)/sqlfluff lint sql

# The event scorer's weights (seeds/event_scorer.json) anew from the labels in tests/data/labels/ and
# ../shared/eval (nights on polnear-train and ipe-dev first when missing: about 3 minutes); prints its fit and
# out-of-fold figures (--held-out adds the held-out half, to read once).
scorer: $(STAMP)
	$(BIN)/python -m nightdesk.evaluate.train_scorer

# The short-name model's weights (seeds/short_name_scorer.json) anew from tests/data/labels/short_names.jsonl and a
# night on ../shared/eval/polnear-train (made first when missing); prints its out-of-fold figure.
short-names: $(STAMP)
	$(BIN)/python -m nightdesk.evaluate.train_short_names

clean:
	rm -rf $(VENV) .venv-* .prefect warehouse/news.duckdb warehouse/lake warehouse/catalog.sqlite warehouse/data warehouse/catalog-backups warehouse/staging warehouse/journal
