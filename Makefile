# Two commands on a fresh machine: `make run` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8050
CHROMIUM ?= /usr/bin/chromium

# pytest's own cache goes nowhere: no test run leaves files in the repository (tests/conftest.py checks).
PYTEST := $(PY) -m pytest -p no:cacheprovider
# The quick loop: no browser, nothing that starts servers, Kaleido or notebooks (markers in pyproject.toml).
FAST_MARKERS := not browser and not slow
LOCK_FLAGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_FLAGS)

# The package's bytecode, compiled ahead (quick when nothing changed): with PYTHONDONTWRITEBYTECODE set, as on this
# machine, Python would otherwise compile every module of the app at each start (a tenth of `bilateral serve`'s start).
BYTECODE := $(PY) -m compileall -q dashboard

LINTED := dashboard tests benchmarks notebooks docs snapshots scripts setup.py

.PHONY: run test test-fast figures bench install install-dev system-deps validate targets lint typecheck lock screenshots clean

run: install
	$(BYTECODE)
	$(VENV)/bin/bilateral serve --host $(HOST) --port $(PORT)

validate: install
	$(VENV)/bin/bilateral validate

targets: install
	$(VENV)/bin/bilateral targets

OUT ?= reports
figures: install system-deps
	$(VENV)/bin/bilateral figures --out $(OUT)

# CI runs this (.ci/run): lint and types, then every test, browser and slow ones included.
test: install-dev system-deps lint
	$(PYTEST)

# Under a minute on 2 cores; two workers (pytest-xdist).
test-fast: install-dev
	$(PYTEST) -m "$(FAST_MARKERS)" -n 2

# Every script under benchmarks/, each against a reference measured in the same run (load on 127.0.0.1 only,
# bounded); writes benchmarks/results.json (kept out of git) and prints the table. About 10-15 minutes; the Comtrade
# check generates files of up to 3.5 GiB in the temporary folder (about 4 GB free needed), deleted after each size.
bench: install-dev system-deps
	$(BYTECODE)
	$(PY) benchmarks/run_all.py

# The README's screenshots (docs/screenshots/), taken by Debian's Chromium from the app on the bundled data.
screenshots: install-dev system-deps
	$(PY) docs/make_screenshots.py

lint: install-dev
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(MAKE) --no-print-directory typecheck

typecheck: install-dev
	$(VENV)/bin/mypy

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Exactly the locked versions (requirements*.lock, pip and setuptools included), then the package itself.
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PIP) install --quiet -r requirements-dev.lock
	touch $@

# Regenerate both lock files from pyproject.toml (same pins where still allowed; `make lock LOCK_FLAGS=--upgrade`
# moves the unpinned transitive dependencies to their newest versions). The runtime lock is constrained by the
# dev lock, so a package pinned in both has one version.
lock: install-dev
	$(PIP_COMPILE) --extra dev --output-file requirements-dev.lock pyproject.toml
	$(PIP_COMPILE) --constraint requirements-dev.lock --output-file requirements.lock pyproject.toml

# Debian's Chromium serves Kaleido and Playwright; never download a browser (no network but the registries).
system-deps:
	@if [ ! -x $(CHROMIUM) ] || ! fc-list 2>/dev/null | grep -qi "liberation"; then \
		echo "installing chromium and fonts-liberation"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium chromium-driver fonts-liberation >/dev/null; \
	fi

clean:
	rm -rf .cache reports .pytest_cache .mypy_cache
