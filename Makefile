# idiombench: every entry point. `make help` lists them.
#
#   make bench [PYTHON=python3.12] [QUICK=1] [FILTER=regex] [ARGS="--repetitions 20"]
#   make compare [PYTHONS="3.9 3.12 /path/python3"] [BASELINE=3.9] [QUICK=1] [FILTER=regex]
#                [ARGS="--rounds 3 --no-programs"]
#   make validate [PYTHON=...]
#   make test
PYTHON ?= python3
QUICK ?=
FILTER ?=
ARGS ?=
PYTHONS ?=
BASELINE ?=

BENCH_ARGS := $(if $(QUICK),--quick) $(if $(FILTER),--filter '$(FILTER)') $(ARGS)

.DEFAULT_GOAL := help

.PHONY: help
## help: list the targets
help:
	@awk '/^## / { line = substr($$0, 4); cut = index(line, ": "); \
		printf "  %-10s %s\n", substr(line, 1, cut - 1), substr(line, cut + 2) }' $(MAKEFILE_LIST)

.PHONY: deps
## deps: check (and, as root, install) the Debian packages the suite needs
deps:
	@tools/check-deps build

.PHONY: build
## build: build build/<python-tag>/idiombench against PYTHON (default python3)
build: deps
	@tools/build-harness '$(PYTHON)' >/dev/null

.PHONY: bench
## bench: measure the catalogue on PYTHON into results/<run-id> (QUICK=1, FILTER=re)
bench: deps
	@bin=$$(tools/build-harness '$(PYTHON)') && "$$bin" $(BENCH_ARGS)

.PHONY: compare
## compare: measure every CPython found (or PYTHONS=) into one run, ratios to BASELINE=
compare:
	@tools/check-deps compare
	@$(MAKE) --no-print-directory -f mk/compare.mk >/dev/null
	@python3 tools/compare.py $(if $(PYTHONS),--pythons '$(PYTHONS)') \
		$(if $(BASELINE),--baseline '$(BASELINE)') $(if $(QUICK),--quick) \
		$(if $(FILTER),--filter '$(FILTER)') $(ARGS)

.PHONY: validate
## validate: compare our figures with timeit and tracemalloc on PYTHON
validate: deps
	@bin=$$(tools/build-harness '$(PYTHON)') && eval "$$(tools/pyconfig '$(PYTHON)')" && \
		python3 tools/validate.py --harness "$$bin" --python "$$PY_EXE" $(if $(QUICK),--quick) $(ARGS)

.PHONY: test
## test: unit tests, sanitizer build, end-to-end tests of every target
test:
	@tools/check-deps test
	@tests/run

.PHONY: clean
## clean: remove build/ (results/ are kept)
clean:
	rm -rf build
