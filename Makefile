# Quick start: `make run` opens the app, `make test` runs every check. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Two test workers a core: many tests wait on a subprocess, a pty or the app's timers, not the CPU.
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1))')

.PHONY: run test bench bench-ratios bench-features stress lint setup clean man

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Praxis needs Python 3.11 or newer (found " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/praxis

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Tests run side by side, one worker a CPU (PYTEST_XDIST_AUTO_NUM_WORKERS=N to choose); a worker
# with nothing left takes tests from another. Plain `pytest` runs them one at a time.
test: lint
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

# Every speed goal at 1,000, 10,000 and 100,000 records (SIZES=1000,10000 to limit; ~30 min in all):
# read commands and PDF as multiples of parsing the store, saves, imports, the app. Then the
# feature table at 10,000 activities (bench-features alone).
SIZES ?= 1000,10000,100000
bench: $(STAMP)
	$(BIN)/python -m bench --ratios --sizes $(SIZES); a=$$?; $(BIN)/python -m bench; exit $$(( a | $$? ))

bench-ratios: $(STAMP)
	$(BIN)/python -m bench --ratios --sizes $(SIZES)

bench-features: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache

stress: $(STAMP)
	$(BIN)/python -m bench.stress

man: $(STAMP)
	$(BIN)/praxis man > praxis.1
	@echo "Wrote praxis.1 (read it with: man -l praxis.1)"
