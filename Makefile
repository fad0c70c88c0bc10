# Annex — the two commands a new user runs: `make report` and `make test`.
# Both install what is missing (Debian packages, when run as root), then build.

SWIFT        ?= swift
CONFIG       ?= release
BUILD_FLAGS  ?=
ANNEX        := .build/$(CONFIG)/annex

# Debian packages Annex needs to build and run, and the extra tools its tests use.
RUN_PACKAGES  := pkg-config libcairo2-dev libpango1.0-dev libdeflate-dev zlib1g-dev libxml2-dev fonts-dejavu-core fonts-liberation2
TEST_PACKAGES := poppler-utils libxml2-utils python3 pngcheck

.PHONY: report test build deps test-deps gallery clean help bench fuzz docs doc-check symbol-graphs example data-check

help:
	@echo "make report   install what is missing, build, render the default annex into Output/"
	@echo "make test     install what is missing, run the test suite"
	@echo "make build    build the annex command ($(CONFIG))"
	@echo "make bench    the speed benchmarks beside matplotlib and Vega-Lite (installs them in .venv-peers)"
	@echo "make fuzz     fuzz the parsers for FUZZ_SECONDS (default 600) with FUZZ_SEED (default 1); see docs/fuzzing.md"
	@echo "make example  build and run Examples/ChartInSwift (Annex as a library); fails on warnings in Annex's sources"
	@echo "make docs     DocC documentation of the library products into .build/docs (Annex.doccarchive)"
	@echo "make doc-check  list public declarations without a doc comment (DOC_CHECK_MODULES; exit 1 if any)"
	@echo "make data-check  re-check the bundled synthetic datasets against their generators (python3, no build)"
	@echo "make clean    remove build products"

report: deps build
	$(ANNEX) report

build: deps
	$(SWIFT) build -c $(CONFIG) --product annex $(BUILD_FLAGS)

test: deps test-deps
	$(SWIFT) test $(BUILD_FLAGS)
	$(SWIFT) build --product annex $(BUILD_FLAGS)
	.build/debug/annex bench --smoke
	$(MAKE) example
	$(MAKE) doc-check
	tools/long-functions.py Sources/AnnexCharts Sources/AnnexChartSpec
	$(MAKE) data-check

# The bundled synthetic datasets: each generator's --check re-reads its files and checks every calibration
# (the monthly one also regenerates its dataset in memory and compares the bytes). The yearly generator's
# byte-for-byte rerun is a Swift test (GeneratorTests).
data-check: test-deps
	python3 tools/generate_langson_dataset.py --check
	python3 tools/generate_langson_monthly.py --check

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

# The example package (Examples/ChartInSwift): Annex as a dependency by path, built in its own scratch folder.
# Building Annex as a dependency must give no warning: any `warning:` naming a file of this folder fails.
EXAMPLE_DIR := Examples/ChartInSwift
EXAMPLE_OUT ?= $(EXAMPLE_DIR)/Output

example: deps
	@mkdir -p $(EXAMPLE_DIR)/.build
	@$(SWIFT) build --package-path $(EXAMPLE_DIR) --scratch-path $(EXAMPLE_DIR)/.build > $(EXAMPLE_DIR)/.build/build.log 2>&1; \
	  status=$$?; cat $(EXAMPLE_DIR)/.build/build.log; exit $$status
	@if grep 'warning:' $(EXAMPLE_DIR)/.build/build.log | grep -F '$(CURDIR)/' | grep -vF '/.build/'; then \
	  echo "make example: the warnings above are in Annex's sources or the example's" >&2; exit 1; fi
	$(EXAMPLE_DIR)/.build/debug/ChartInSwift $(EXAMPLE_OUT)

# Documentation (README, "Annex as a Swift library"): symbol graphs of the debug build's public API, made by
# `swift package dump-symbol-graph` (no plugin, nothing to fetch), turned into DocC archives by docc.
DOCS_MODULES      := AnnexData AnnexAnalytics AnnexScene AnnexLocale AnnexCharts AnnexSpec AnnexChartSpec AnnexRender AnnexReport AnnexIO AnnexOffice
# The modules whose every public declaration must have a doc comment: every library product (DOCS_MODULES), the
# modules their public API comes from (AnnexSpec's SpecError, AnnexChartSpec's ChartSpec) and the importers
# (`make doc-check DOC_CHECK_MODULES=` checks every module, tools and executables too).
DOC_CHECK_MODULES ?= $(DOCS_MODULES) AnnexSheets AnnexImport
SYMBOL_GRAPHS      = $$($(SWIFT) build --show-bin-path $(BUILD_FLAGS))/../symbolgraph

symbol-graphs: deps
	rm -rf "$(SYMBOL_GRAPHS)"
	$(SWIFT) package dump-symbol-graph --minimum-access-level public --skip-synthesized-members \
	  --emit-extension-block-symbols $(BUILD_FLAGS)

docs: symbol-graphs
	scripts/build-docs.sh "$(SYMBOL_GRAPHS)" .build/docs $(DOCS_MODULES)

doc-check: symbol-graphs
	tools/check-doc-comments.py --symbol-graphs "$(SYMBOL_GRAPHS)" $(DOC_CHECK_MODULES)

deps:
	@scripts/ensure-packages.sh $(RUN_PACKAGES)

test-deps: office-env
	@scripts/ensure-packages.sh $(TEST_PACKAGES)

clean:
	rm -rf .build

# The Python peers that `annex bench` compares with (Benchmarks/peers/), in their own virtual environment.
PYTHON3        ?= python3
PEERS_VENV     := .venv-peers
PEERS_PACKAGES := matplotlib==3.11.2 vl-convert-python==1.9.0

.PHONY: peers-env office-env

# The readers the tests of the Word annex and the slide deck use (tools/office-text.py): python-docx and python-pptx,
# in their own virtual environment (Debian's python3-docx is not seen by every python3, and it has no python-pptx).
OFFICE_VENV     := .venv-office
OFFICE_PACKAGES := python-docx==1.2.0 python-pptx==1.0.2

office-env:
	@$(OFFICE_VENV)/bin/python -c 'import docx, pptx' 2>/dev/null || { \
	  $(PYTHON3) -c 'import venv, ensurepip' 2>/dev/null || scripts/ensure-packages.sh python3-venv; \
	  echo "annex: making $(OFFICE_VENV) with $(OFFICE_PACKAGES)" >&2 && \
	  $(PYTHON3) -m venv $(OFFICE_VENV) && \
	  $(OFFICE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(OFFICE_PACKAGES) && \
	  $(OFFICE_VENV)/bin/python -c 'import docx, pptx'; }

peers-env:
	@$(PEERS_VENV)/bin/python -c 'import matplotlib, vl_convert' 2>/dev/null || { \
	  $(PYTHON3) -c 'import venv, ensurepip' 2>/dev/null || scripts/ensure-packages.sh python3-venv; \
	  echo "annex: making $(PEERS_VENV) with $(PEERS_PACKAGES)" >&2 && \
	  $(PYTHON3) -m venv $(PEERS_VENV) && \
	  $(PEERS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PEERS_PACKAGES) && \
	  $(PEERS_VENV)/bin/python -c 'import matplotlib, vl_convert'; }
