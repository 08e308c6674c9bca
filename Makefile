# The two commands of the README: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
BIND ?= 127.0.0.1:8000

.PHONY: run test check bench install install-dev install-bench system checkers lint typecheck test-sqlite test-postgres messages clean

## Set up on a fresh machine, migrate, create the demo organisation and serve on $(BIND)
## (with the safe-copy worker beside it, which needs the Debian packages of `system`).
run: install system
	$(BIN)/safepassage migrate --no-input
	$(BIN)/safepassage demo
	$(BIN)/safepassage serve --bind $(BIND)

## Set up and run the whole suite: lint, types, tests on SQLite, tests on PostgreSQL.
test: install-dev system checkers lint typecheck test-sqlite test-postgres

## The quick loop while working (about two minutes): lint, types, and the tests on SQLite
## without the real-browser and slow ones. `make test` is still what must pass.
check: install-dev lint typecheck
	env -u DATABASE_URL $(BIN)/pytest -q -n auto -m "not browser and not slow" --ignore=tests/browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements/build.lock requirements/main.lock pyproject.toml
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/build.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/main.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-dev requirements/bench.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/bench.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-bench: $(VENV)/.installed-bench

## Every benchmark, each printing `name: value` lines (the screening and case ones take a while).
bench: install-bench
	for script in bench/signin.py bench/vault.py bench/intake.py bench/cases.py bench/screening.py bench/tlog.py bench/partners.py bench/dossiers.py bench/safeview.py bench/overlap.py bench/reports.py; do \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

## Debian packages the suite needs (browser, PDF signature checker, metadata tools, Go, Java, npm,
## the conversion sandbox, OCR and LibreOffice).
system:
	scripts/setup-system

## The page checkers every browser test runs (axe-core, the Nu Html Checker), as package-lock.json
## pins them. --ignore-scripts: vnu-jar's install script would fetch a Java of its own; Debian's
## is used instead.
checkers: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

lint: install-dev
	$(BIN)/ruff check src tests bench scripts conftest.py
	$(BIN)/ruff format --check src tests bench scripts conftest.py

typecheck: install-dev
	$(BIN)/mypy src bench tests

## The SQLite pass is measured: branch coverage of crypto, vault, audit and accounts must stay at
## or above the line set in pyproject.toml ([tool.coverage.report] fail_under).
test-sqlite: install-dev
	@echo "== tests on SQLite, with coverage"
	rm -rf build/coverage
	env -u DATABASE_URL $(BIN)/coverage run -m pytest -q -n auto
	$(BIN)/coverage combine -q
	$(BIN)/coverage report

## On CI (CI=true) PostgreSQL is mandatory; elsewhere the run is skipped when it is not reachable.
test-postgres: install-dev
	@if $(BIN)/python scripts/pg_reachable.py "$(PG_URL)"; then \
		echo "== tests on PostgreSQL at $(PG_URL)"; \
		DATABASE_URL="$(PG_URL)" $(BIN)/pytest -q -n auto; \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is not reachable and CI=true requires it" >&2; exit 1; \
	else \
		echo "PostgreSQL at $(PG_URL) is not reachable: skipping the PostgreSQL run"; \
	fi

## Recompile translations after editing a .po file.
messages: install
	cd src/safepassage && ../../$(BIN)/safepassage compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) build src/*.egg-info node_modules
