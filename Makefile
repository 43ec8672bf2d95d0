# Two commands on a fresh machine (Python >= 3.12 and make): `make run` and `make test`.
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
FIXTURES := sources commercial blacklists pilots nosedive personas

# Debian packages the suite drives for real (the browser tests use Debian's chromium).
SYSTEM_PACKAGES := chromium

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
	$(BIN)/python manage.py loaddata $(FIXTURES)
	$(BIN)/python manage.py publish_release --first

run: db
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production mode: gunicorn on $$BIND (default 127.0.0.1:8000), workers from the core count.
serve: install
	@scripts/serve

system-packages:
	@scripts/system-packages $(SYSTEM_PACKAGES)

test: install system-packages
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/embed.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
