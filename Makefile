# Two commands on a fresh machine: `make run` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8050
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test figures bench install install-dev system-deps validate targets lint clean

run: install
	$(VENV)/bin/bilateral serve --host $(HOST) --port $(PORT)

validate: install
	$(VENV)/bin/bilateral validate

targets: install
	$(VENV)/bin/bilateral targets

OUT ?= reports
figures: install system-deps
	$(VENV)/bin/bilateral figures --out $(OUT)

test: install-dev system-deps
	$(PY) -m pytest

# Every script under benchmarks/, each against a reference measured in the same run (load on 127.0.0.1 only,
# bounded); writes benchmarks/results.json (kept out of git) and prints the table. About 6-10 minutes.
bench: install-dev system-deps
	$(PY) benchmarks/run_all.py

lint: install-dev
	$(VENV)/bin/ruff check dashboard tests benchmarks notebooks

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[dev]'
	touch $@

# Debian's Chromium serves Kaleido and Playwright; never download a browser (no network but the registries).
system-deps:
	@if [ ! -x $(CHROMIUM) ] || ! fc-list 2>/dev/null | grep -qi "liberation"; then \
		echo "installing chromium and fonts-liberation"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium chromium-driver fonts-liberation >/dev/null; \
	fi

clean:
	rm -rf .cache reports .pytest_cache
