# Pantas — two commands on a fresh machine: `make run` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PANTAS_DEMO ?= 1

.PHONY: run serve install system-deps browser test test-fast lint format messages bench clean

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python >= 3.12 is required (found %s)" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	@touch $@

install: system-deps $(VENV)/.installed

# WeasyPrint needs Pango. Installed with apt when missing and we are allowed to (root); otherwise explain.
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; \
	  else echo "Please install Pango (Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)"; exit 1; fi; \
	fi

# Debian's Chromium for the browser tests (no browser downloads).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Please install Chromium (Debian/Ubuntu: sudo apt-get install chromium)"; exit 1; fi; \
	fi

# Letters print their verification URL from PANTAS_PUBLIC_URL: by default, the address `make run` serves.
run: export PANTAS_PUBLIC_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_reference
	$(PY) manage.py load_merit_instruments
	$(PY) manage.py load_published_figures
	$(PY) manage.py sync_ppk_offices
	$(PY) manage.py seed_demo
	$(PY) manage.py demo_logins
	@echo "Serving http://127.0.0.1:$(PORT)/  (Ctrl+C to stop; the task worker stops with it)"
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py db_worker --queue-name '*' >var/worker.log 2>&1 & worker=$$!; \
	  $(PY) manage.py runserver --nostatic 127.0.0.1:$(PORT)

# Two pytest workers (pytest-xdist, one per core); each has its own test database. PYTEST_WORKERS=0: one process.
PYTEST_WORKERS ?= 2
test: install browser
	$(PY) -m pytest -q -n $(PYTEST_WORKERS)

test-fast: install
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) -m "not browser"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l en -l id --no-obsolete --no-wrap -i ".venv/*" -i "var/*"
	$(PY) manage.py compilemessages -i .venv

# National-scale numbers: docs/benchmarks.md (generate once with `manage.py generate_scale_data`).
bench: install
	$(PY) -m pantas.bench $(BENCH_ARGS)

clean:
	rm -rf var/pantas.sqlite3* var/worker.log
