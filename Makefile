# Two commands set up a fresh Debian machine (Python 3.11+):
#   make demo   — install everything, load the demo data, serve http://127.0.0.1:$(PORT)
#   make test   — install what the tests need and run the whole suite
# The demo uses DATABASE_URL / REDIS_URL when set, else a SQLite file and in-process tasks.
# The tests always run on PostgreSQL and Redis: those DATABASE_URL / REDIS_URL name, or private
# instances that .ci/with-services starts (and removes) when they are unset.

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
# System packages: a Korean font and HarfBuzz subsetting for WeasyPrint PDFs.
APT_RUNTIME := fonts-nanum libharfbuzz-subset0 fonts-dejavu-core
# ...and for the tests: the browser, PDF text extraction, the compose-file validator, and the
# PostgreSQL and Redis servers that .ci/with-services starts when none is configured.
APT_TEST := chromium poppler-utils docker-compose postgresql redis-server
# Parallel test processes (pytest-xdist); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2

.PHONY: install system-deps test-system-deps bench-tools demo test lint format screenshots clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[dev]"
	@touch $@

system-deps:
	@bash .ci/apt-install $(APT_RUNTIME)

test-system-deps:
	@bash .ci/apt-install $(APT_RUNTIME) $(APT_TEST)

# ...and for bench/: the HTTP load generator.
bench-tools: install
	@bash .ci/apt-install wrk

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install test-system-deps
	bash .ci/with-services $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3

# Re-take the README's screenshots (the browser tests save them when SCREENSHOTS_DIR is set).
screenshots: install test-system-deps
	SCREENSHOTS_DIR=docs/screenshots bash .ci/with-services $(BIN)/python -m pytest tests/e2e -p no:logging
