# idiombench: every entry point. `make help` lists them, and the variables they read.
#
#   make bench [PYTHON=python3.12] [QUICK=1] [FILTER=regex] [INSTRUCTIONS=0]
#              [ARGS="--repetitions 20"]
#   make compare [PYTHONS="3.9 3.12 /path/python3"] [BASELINE=3.9] [QUICK=1] [FILTER=regex]
#                [INSTRUCTIONS=0]
#                [ARGS="--rounds 3 --no-programs"]
#   make plots [RUN=results/latest]    make report [RUN=...]    make claims [RUN=...]
#   make pyperf [RUN=...]
#   make merge RUNS="results/a results/b" [OUT=DIR] [BASELINE=3.9]
#   make validate [PYTHON=...]
#   make instructions [PYTHON=python3.12] [QUICK=1] [FILTER=regex] [ARGS="--out DIR"]
#   make test
#   make test-distros [DISTS="bookworm trixie sid"]
#
# `make help` lists each variable below with its `#=` line and its default.
#= PYTHON: the interpreter to build and measure: a name, a version (3.12) or a path
PYTHON ?= python3
#= QUICK: 1: quick mode, fewer and shorter samples and rounds (unset: default mode)
QUICK ?=
#= FILTER: a regex on family/case: only the cases it matches run (unset: all)
FILTER ?=
#= ARGS: more options for the tool, split as a shell would: ARGS="--out /tmp/run"
ARGS ?=
#= PYTHONS: the interpreters compare measures, blank-separated (unset: every CPython found)
PYTHONS ?=
#= BASELINE: the version compare's (merge: each host's) ratios are to, e.g. 3.9 (unset: oldest 3.x)
BASELINE ?=
#= RUN: the run folder that plots, report and claims read
RUN ?= results/latest
#= RUNS: the run folders merge folds into one, blank-separated (2 or more)
RUNS ?=
#= OUT: the run folder merge writes (unset: results/<UTC stamp>-merge, results/latest)
OUT ?=
#= DISTS: the Debian releases of test-distros (unset: bookworm trixie sid)
DISTS ?=
#= INSTRUCTIONS: 0 leaves the instructions pass (callgrind) out of bench and compare
INSTRUCTIONS ?= 1
#= V: 1 shows the compiler's whole command lines (unset: one line per file)
V ?=

# The variables above are data: each reaches a tool unchanged, never parsed by a shell
# nor expanded by make. Each is read as typed ($(value ...): a regex's `$`, as in
# 'is_none$|eq_none$', stays) into a simple variable, which make neither expands again
# nor when exporting it; the recipes give it to the tools through the environment,
# quoted ("$$FILTER"). The lists ARGS and DISTS are split into words by bin/with-args
# (shell-like quotes, nothing expanded); PYTHONS by bin/compare, RUNS by bin/merge (at
# blanks).
# MAKEOVERRIDES is emptied so that the command line's definitions are not handed, through
# MAKEFLAGS, to the sub-makes the recipes and tools start, which would expand them.
include mk/quote.mk
USER_VARIABLES := PYTHON QUICK FILTER ARGS PYTHONS BASELINE RUN RUNS OUT DISTS INSTRUCTIONS V
$(call as_typed,$(USER_VARIABLES))
export $(USER_VARIABLES)
MAKEOVERRIDES :=

# The harness's options common to bench and instructions, ARGS appended by bin/with-args.
HARNESS_OPTIONS := $(if $(QUICK),--quick) $(if $(FILTER),--filter "$$FILTER")

.DEFAULT_GOAL := help

.PHONY: help
## help: list the targets and the variables they read
help:
	@awk -f mk/help.awk $(MAKEFILE_LIST)

.PHONY: deps
## deps: check (as root, install unless IDIOMBENCH_NO_INSTALL=1) the Debian packages needed
deps:
	@bin/check-deps build

.PHONY: build
## build: build build/<python-tag>/idiombench against PYTHON (default python3)
build: deps
	@bin/build-harness "$$PYTHON" >/dev/null

.PHONY: bench
## bench: measure the catalogue on PYTHON into results/<run-id>, then decide the claims
bench: deps
	@bin/with-args ARGS bin/bench "$$PYTHON" $(HARNESS_OPTIONS)

.PHONY: instructions
## instructions: count PYTHON's instructions per operation under callgrind (results/<run-id>)
instructions: deps
	@bin/check-deps instructions
	@bin/with-args ARGS bin/count-instructions "$$PYTHON" $(HARNESS_OPTIONS)

.PHONY: compare
## compare: measure every CPython found (or PYTHONS=) into one run, ratios to BASELINE=
compare:
	@bin/check-deps compare
	@$(MAKE) --no-print-directory -f mk/compare.mk >/dev/null
	@bin/with-args ARGS bin/compare $(if $(PYTHONS),--pythons "$$PYTHONS") \
		$(if $(BASELINE),--baseline "$$BASELINE") $(HARNESS_OPTIONS) \
		$(if $(filter 0,$(INSTRUCTIONS)),--no-instructions)

.PHONY: plots
## plots: render RUN's charts (PNG and SVG) into RUN/plots/ (RUN=results/latest)
plots:
	@bin/check-deps plots
	@$(MAKE) --no-print-directory -f mk/compare.mk >/dev/null
	@bin/plots "$$RUN"

.PHONY: report
## report: write RUN/REPORT.md: claims, headline charts, tables, methods (RUN=results/latest)
report: plots
	@bin/report "$$RUN"

.PHONY: claims
## claims: decide every claim of docs/CLAIMS.md on RUN's data into RUN/claims.csv
claims:
	@$(MAKE) --no-print-directory -f mk/compare.mk >/dev/null
	@bin/claims "$$RUN"

.PHONY: pyperf
## pyperf: write RUN/pyperf/<label>.json, one pyperf file per interpreter (RUN=results/latest)
pyperf:
	@bin/pyperf-export "$$RUN"

.PHONY: merge
## merge: fold the run folders RUNS= (other machines, other times) into one run (OUT=)
merge:
	@$(MAKE) --no-print-directory -f mk/compare.mk >/dev/null
	@bin/merge --runs "$$RUNS" $(if $(OUT),--out "$$OUT") \
		$(if $(BASELINE),--baseline "$$BASELINE")

.PHONY: validate
## validate: compare our figures with timeit, tracemalloc and callgrind on PYTHON
validate: deps
	@bin=$$(bin/build-harness "$$PYTHON") && eval "$$(bin/pyconfig "$$PYTHON")" && \
		bin/with-args ARGS bin/validate --harness "$$bin" --python "$$PY_EXE" \
		$(if $(QUICK),--quick)

.PHONY: test
## test: unit tests, sanitizer build, end-to-end tests of every target
test:
	@bin/check-deps test
	@tests/run

.PHONY: test-distros
## test-distros: a fresh clone's make bench and make test in Debian 12, 13, sid roots (root)
test-distros:
	@bin/with-args DISTS bin/test-distros

.PHONY: clean
## clean: remove build/ (results/ are kept)
clean:
	rm -rf build
