# Two commands on a fresh machine (Python >= 3.12 and make): `make run` and `make test`.
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
FIXTURES := sources commercial blacklists pilots nosedive personas timeline memorandums
# Why `make db` loads them (readers see it on What changed); OVERWRITE=1 replaces edits
# made in the admin that were never exported (loaddata lists them and refuses otherwise).
REASON ?= The fixtures in fixtures/, loaded by make db

# Debian packages the suite drives for real: the browser tests use Debian's chromium; the
# second run, and the tests of serving, start throwaway PostgreSQL and Redis servers; the
# second run also pastes our embeds into a throwaway WordPress (tests/wordpress.py).
SYSTEM_PACKAGES := chromium postgresql redis-server wordpress wordpress-theme-twentytwentythree mariadb-server-core php-cli zbar-tools

.PHONY: run serve test install system-packages db lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

db: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddata $(FIXTURES) --reason "$(REASON)" $(if $(OVERWRITE),--overwrite)
	$(BIN)/python manage.py publish_release --first

# BIND=127.0.0.1:8301 make run serves elsewhere.
run: db
	$(BIN)/python manage.py runserver $(or $(BIND),127.0.0.1:8000)

# Production mode: gunicorn on $$BIND (default 127.0.0.1:8000), workers from the core count.
serve: install
	@scripts/serve

system-packages:
	@scripts/system-packages $(SYSTEM_PACKAGES)

# The whole suite twice: on SQLite with a local-memory cache (as `make run`), then on
# PostgreSQL and Redis (as production), each a throwaway server on loopback.
test: install system-packages
	$(BIN)/ruff check .
	@echo "== 1/2: SQLite, local-memory cache"
	$(BIN)/python -m pytest
	@echo "== 2/2: PostgreSQL and Redis"
	scripts/with-services --postgres --redis -- $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

bench: install
	@scripts/system-packages wrk
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/weight.py
	$(BIN)/python bench/embed.py
	$(BIN)/python bench/fit.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/admin.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
