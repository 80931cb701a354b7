# LEA: two commands for a newcomer (see README):
#   make build   virtual environment, synthetic registers, dbt build
#   make test    lint and the whole test suite
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

# The default synthetic registers: 80,000 families with children in the six municipalities.
FAMILIES ?= 80000
SEED ?= 1
export LEA_LANDING_DIR ?= data/landing
export LEA_DUCKDB_PATH ?= data/lea.duckdb
export LEA_PUBLISH_DIR ?= data/publish
# What the generator intended (the families, the bad rows): the tests compare the build with it.
export LEA_TRUTH_DIR ?= data/truth
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1

INSTALLED := $(VENV)/.installed
LANDED := $(LEA_LANDING_DIR).synth-$(FAMILIES)-$(SEED)-truth.done

.PHONY: build test install landing dbt-build lint python-lint pytest clean bench browser docs old-duckdb report report-pdf readme-results

# The report only reads the publication, so it runs once dbt-build has written it.
build: install landing dbt-build
	$(MAKE) --no-print-directory report

install: $(INSTALLED)

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Regenerated only when the size or seed changes (the stamp names both).
landing: $(LANDED)

# New synthetic registers start a new series of releases: the publication of the old ones
# is not a previous release of these (the build would read it as one, issue 22).
$(LANDED): $(INSTALLED)
	rm -rf $(LEA_LANDING_DIR) $(LEA_TRUTH_DIR) $(LEA_PUBLISH_DIR)
	$(BIN)/lea synth --families $(FAMILIES) --seed $(SEED) --out $(LEA_LANDING_DIR) --truth $(LEA_TRUTH_DIR)
	touch $@

# dbt creates the folder of LEA_DUCKDB_PATH itself (plugin lea.private_build). The build
# runs again only when a file it reads changed (the project, the lea package, the landed
# registers) or its database or publication is missing: `make test` right after `make
# build` does not rebuild.
BUILT := $(LEA_DUCKDB_PATH).built
PROJECT_FILES := dbt_project.yml profiles.yml $(shell find models macros seeds analyses lea tests \
	-path tests/python -prune -o -type f \( -name '*.sql' -o -name '*.yml' -o -name '*.py' -o -name '*.csv' -o -name '*.md' \) \
	-not -path '*/__pycache__/*' -print)
MISSING_OUTPUT := $(if $(and $(wildcard $(LEA_DUCKDB_PATH)),$(wildcard $(LEA_PUBLISH_DIR)/lea_publication.duckdb)),,force)
dbt-build: $(BUILT)

$(BUILT): $(INSTALLED) $(LANDED) $(PROJECT_FILES) $(MISSING_OUTPUT)
	rm -f $@
	$(BIN)/dbt build
	$(BIN)/dbt docs generate --static
	touch $@

.PHONY: force
force:

# The results report (static HTML per municipality and language) from the publication in
# LEA_PUBLISH_DIR; report-pdf also prints every page to a PDF with headless Chromium.
REPORT_DIR ?= data/report
report: $(INSTALLED)
	$(BIN)/lea report --publication $(LEA_PUBLISH_DIR) --out $(REPORT_DIR)

report-pdf: $(INSTALLED) browser
	$(BIN)/lea report --publication $(LEA_PUBLISH_DIR) --out $(REPORT_DIR) --pdf

# The documentation site of the last build on http://localhost:8080 (Ctrl-C stops it).
DOCS_PORT ?= 8080
docs: $(INSTALLED)
	@test -f target/static_index.html || $(BIN)/dbt docs generate --static
	$(BIN)/dbt docs serve --port $(DOCS_PORT) --host 127.0.0.1 --no-browser

# sqlfluff's dbt templater compiles every model, test and analysis against the build
# database, and compiling only reads it (the landing-accounting test counts landed rows
# to size its joins); nothing writes while dbt compiles (tests/python/
# test_publication_build.py checks dbt compile and docs generate). So lint reads the build
# database as it is, with no copy. DuckDB lets many processes open a file read-only, but a
# read-write open locks it for one process, and the tests that run beside lint (make test)
# open the build read-only: LEA_DUCKDB_READ_ONLY=1 opens it read-only for lint too
# (profiles.yml), so neither locks the other out. Lint's own target and log folders keep
# its parse and compiled SQL out of target/, which the tests read.
LINT_DIR := $(abspath $(dir $(LEA_DUCKDB_PATH)))/lint
lint: $(INSTALLED)
	@test -f $(LEA_DUCKDB_PATH) || { echo "lint compiles against a build database: none at $(LEA_DUCKDB_PATH) (make build)"; exit 1; }
	rm -rf $(LINT_DIR)
	LEA_DUCKDB_READ_ONLY=1 DBT_TARGET_PATH=$(LINT_DIR)/target DBT_LOG_PATH=$(LINT_DIR)/logs \
		$(BIN)/sqlfluff lint models macros analyses tests --processes 2
	rm -rf $(LINT_DIR)

# Python: ruff's lint and format check and mypy over the code (settings in pyproject.toml).
python-lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Older DuckDB releases that must read the publication (issue 14): one scratch virtual
# environment each, exact versions, outside requirements.lock. Under `make test` the
# test that uses them fails instead of skipping when one is missing.
OLD_DUCKDB_VERSIONS := 1.1.3 1.5.6
OLD_DUCKDB_DIR := .venv-old-duckdb
OLD_DUCKDB_STAMPS := $(foreach version,$(OLD_DUCKDB_VERSIONS),$(OLD_DUCKDB_DIR)/$(version)/.installed)
old-duckdb: $(OLD_DUCKDB_STAMPS)

$(OLD_DUCKDB_DIR)/%/.installed:
	rm -rf $(OLD_DUCKDB_DIR)/$*
	$(PYTHON) -m venv $(OLD_DUCKDB_DIR)/$*
	$(OLD_DUCKDB_DIR)/$*/bin/pip install --quiet --disable-pip-version-check duckdb==$*
	touch $@

pytest: $(INSTALLED) old-duckdb
	LEA_OLD_DUCKDB_REQUIRED=1 $(BIN)/pytest -n 2 --dist loadfile --durations=25

# Chromium's installation (network and disk) runs beside the build; then the SQL lint, the
# Python lint and pytest run side by side, each one's output printed whole when it ends.
test:
	$(MAKE) --no-print-directory -j2 build browser old-duckdb
	$(MAKE) --no-print-directory -j2 --output-sync=target lint python-lint pytest

# The browser test uses Debian's Chromium, installed here from the distribution's packages
# (never downloaded by a test tool). Where that is impossible the browser test skips, saying why.
browser:
	@if command -v chromium >/dev/null 2>&1; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		|| echo "chromium could not be installed; the browser test will skip"; \
	else echo "chromium is not installed and cannot be (not root or no apt-get); the browser test will skip"; fi

clean:
	rm -rf target logs data $(VENV) $(OLD_DUCKDB_DIR)

# The README's results table, from the build database (scripts/report_wellbeing.py rewrites
# only its marked block of README.md).
readme-results: $(INSTALLED)
	$(BIN)/python scripts/report_wellbeing.py $(LEA_DUCKDB_PATH) --readme README.md

# Benchmark at 2,000, 5,000, 20,000, 80,000 (default and full volume, `lea synth --volume
# full`) and 700,000 families, and the nation at full register volume (700000:full: about
# 6 GB of landing files, an 11 GB database and 10+ minutes; run by hand, never in CI);
# writes docs/benchmarks.md. One size, without the replay of the compiled SQL, with the
# 8 GB settings: `LEA_DUCKDB_MEMORY_LIMIT=4.8GB LEA_DBT_THREADS=1 make bench
# BENCH_SIZES=700000:full BENCH_ARGS=--no-direct` (docs/benchmarks.md).
BENCH_SIZES ?= 2000,5000,20000,80000,80000:full,700000,700000:full
BENCH_ARGS ?=
bench: $(INSTALLED)
	$(BIN)/python scripts/bench.py --sizes $(BENCH_SIZES) --seed $(SEED) $(BENCH_ARGS)
