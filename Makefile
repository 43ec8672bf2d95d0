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
# second run also pastes our embeds into a throwaway WordPress (tests/wordpress.py); the
# tests of the front proxy run nginx, as `make serve` does (tests/serving/test_proxy.py);
# libqrencode draws QR codes, and the tests check both it and the pure-Python fallback;
# gettext's xgettext extracts the interface strings (makemessages), and a test checks that
# every one of them is in each catalogue (compiling them needs no gettext: polib does it).
SYSTEM_PACKAGES := chromium postgresql redis-server wordpress wordpress-theme-twentytwentythree mariadb-server-core php-cli zbar-tools nginx libqrencode4 gettext
# The interface strings' compiled catalogues, built from locale/*/LC_MESSAGES/django.po.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.PHONY: run serve test install system-packages db lint bench clean catalogues messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(BIN)/python manage.py compile_catalogues

catalogues: $(CATALOGUES)

# After changing interface strings: extract them into every catalogue (needs gettext).
messages: install
	@scripts/system-packages gettext
	$(BIN)/python manage.py makemessages $(foreach l,$(filter-out en,$(notdir $(wildcard locale/*))),-l $(l)) --no-obsolete --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*"

db: install catalogues
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddata $(FIXTURES) --reason "$(REASON)" $(if $(OVERWRITE),--overwrite)
	$(BIN)/python manage.py publish_release --first

# BIND=127.0.0.1:8301 make run serves elsewhere.
run: db
	$(BIN)/python manage.py runserver $(or $(BIND),127.0.0.1:8000)

# Production mode: nginx on $$BIND (default 127.0.0.1:8000) in front of gunicorn (workers
# from the core count) on a private port; installs Debian's nginx when missing.
serve: install catalogues
	@scripts/serve

system-packages:
	@scripts/system-packages $(SYSTEM_PACKAGES)

# The suite in two passes. First on SQLite with a local-memory cache (as `make run`), all
# but the browser tests and the tests that start servers of their own. Then all of it on
# PostgreSQL and Redis (as production), each a throwaway server on loopback: the browser
# tests run there only, against a gunicorn that shares that Redis, since what they check
# does not depend on the database.
test: install system-packages catalogues
	$(BIN)/ruff check .
	@echo "== 1/2: SQLite, local-memory cache (not the browser or server tests)"
	$(BIN)/python -m pytest -m "not browser and not servers"
	@echo "== 2/2: PostgreSQL and Redis, everything"
	scripts/with-services --postgres --redis -- $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

bench: install
	@scripts/system-packages wrk nginx
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/weight.py
	$(BIN)/python bench/embed.py
	$(BIN)/python bench/fit.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/profile.py
	$(BIN)/python bench/admin.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles $(CATALOGUES)
