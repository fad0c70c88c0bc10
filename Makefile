# Annex — the two commands a new user runs: `make report` and `make test`.
# Both install what is missing (Debian packages, when run as root), then build.

SWIFT        ?= swift
CONFIG       ?= release
BUILD_FLAGS  ?=
ANNEX        := .build/$(CONFIG)/annex

# Debian packages Annex needs to build and run, and the extra tools its tests use.
RUN_PACKAGES  := pkg-config libcairo2-dev libpango1.0-dev libdeflate-dev zlib1g-dev libxml2-dev fonts-dejavu-core
TEST_PACKAGES := poppler-utils libxml2-utils python3 pngcheck

.PHONY: report test build deps test-deps gallery clean help bench fuzz

help:
	@echo "make report   install what is missing, build, render the default annex into Output/"
	@echo "make test     install what is missing, run the test suite"
	@echo "make build    build the annex command ($(CONFIG))"
	@echo "make bench    the speed benchmarks beside matplotlib and Vega-Lite (installs them in .venv-peers)"
	@echo "make fuzz     fuzz the parsers for FUZZ_SECONDS (default 600) with FUZZ_SEED (default 1); see docs/fuzzing.md"
	@echo "make clean    remove build products"

report: deps build
	$(ANNEX) report

build: deps
	$(SWIFT) build -c $(CONFIG) --product annex $(BUILD_FLAGS)

test: deps test-deps
	$(SWIFT) test $(BUILD_FLAGS)
	$(SWIFT) build --product annex $(BUILD_FLAGS)
	.build/debug/annex bench --smoke

bench: build peers-env
	$(ANNEX) bench --peer-python $(PEERS_VENV)/bin/python

# The structure-aware fuzzer (docs/fuzzing.md): FUZZ_SECONDS split evenly across the targets, release build,
# crashes and hangs saved under $(FUZZ_OUT)/crashes and $(FUZZ_OUT)/hangs. Not part of `make test`.
FUZZ_SECONDS ?= 600
FUZZ_SEED    ?= 1
FUZZ_TARGET  ?= all
FUZZ_OUT     ?= Output/fuzz

fuzz: deps
	$(SWIFT) build -c release --product annex-fuzz $(BUILD_FLAGS)
	.build/release/annex-fuzz run --target $(FUZZ_TARGET) --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED) --out $(FUZZ_OUT)

deps:
	@scripts/ensure-packages.sh $(RUN_PACKAGES)

test-deps:
	@scripts/ensure-packages.sh $(TEST_PACKAGES)

clean:
	rm -rf .build

# The Python peers that `annex bench` compares with (Benchmarks/peers/), in their own virtual environment.
PYTHON3        ?= python3
PEERS_VENV     := .venv-peers
PEERS_PACKAGES := matplotlib==3.11.2 vl-convert-python==1.9.0

.PHONY: peers-env

peers-env:
	@$(PEERS_VENV)/bin/python -c 'import matplotlib, vl_convert' 2>/dev/null || { \
	  $(PYTHON3) -c 'import venv, ensurepip' 2>/dev/null || scripts/ensure-packages.sh python3-venv; \
	  echo "annex: making $(PEERS_VENV) with $(PEERS_PACKAGES)" >&2 && \
	  $(PYTHON3) -m venv $(PEERS_VENV) && \
	  $(PEERS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PEERS_PACKAGES) && \
	  $(PEERS_VENV)/bin/python -c 'import matplotlib, vl_convert'; }
