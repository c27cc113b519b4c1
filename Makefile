# planner: two commands on a fresh machine: `make run` and `make test`.
# The first Python 3.11+ that actually runs (pyenv shims may exist for versions not selected).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { command -v $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8501

.PHONY: run test lint format bench setup clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "planner needs Python 3.11 or newer (python3 on PATH)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit("planner needs Python 3.11 or newer; found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## setup: venv, install, migrate the database, load the demo content once
setup: $(VENV)/.installed
	$(BIN)/planner init
	$(BIN)/planner demo

## run: start the app on http://localhost:8501 with the embedded publishing worker
run: setup
	$(BIN)/planner serve --host $(HOST) --port $(PORT)

## test: the whole suite (SQLite, PostgreSQL at 127.0.0.1:5432, Chromium, AppTest)
test: $(VENV)/.installed-test
	$(BIN)/planner init
	$(BIN)/planner demo
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## bench: every benchmark in bench/, quick mode, one JSON object each
bench: $(VENV)/.installed-test
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script --quick || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
