# mk/unit.mk: unit tests of the C modules of src/common and src/idiombench
# (tests/unit/{common,idiombench}/test_*.c), one binary per module, built into
# build/unit-<python-tag>[-asan]/.
# Run from the suite's folder:
#
#   make -f mk/unit.mk run                     # build and run every unit test
#   make -f mk/unit.mk run SANITIZE=1          # the same under ASan and UBSan
#   make -f mk/unit.mk run PYTHON=python3.12   # embed another interpreter (default python3)
#   make -f mk/unit.mk run PY_EXE=... PY_TAG=... PY_CFLAGS=... PY_LDFLAGS=... PY_LIBDIR=...
#                                              # flags as `bin/pyconfig` prints them; without
#                                              # PY_CFLAGS this file asks bin/pyconfig itself
#   CHECK_FILTER=median make -f mk/unit.mk run # only the tests whose name holds "median"
#
# Every binary prints "N passed, N failed" last; `run` prefixes each binary's lines with
# its name and ends with one line "N passed, N failed" summing them all (a binary that
# crashes or exits non-zero after its summary counts as one more failure). `run` exits
# non-zero when anything failed. src/common's tests link no Python; the others embed PYTHON.
# Under SANITIZE=1 leaks are reported, except CPython's own (tests/unit/fixtures/lsan.supp).
#= PYTHON: the interpreter to embed: a name, a version (3.12) or a path
PYTHON ?= python3
#= SANITIZE: 1 builds and runs the tests under ASan and UBSan
SANITIZE ?=
#= V: 1 shows the compiler's whole command lines (unset: one line per file)
V ?=
#= PY_EXE: the interpreter's path, as bin/pyconfig prints it (unset: PYTHON's)
#= PY_CFLAGS: its compiler flags; with them, PY_LDFLAGS, PY_LIBDIR, PY_TAG too (unset: asked of bin/pyconfig)
#= PY_LDFLAGS: its link flags (unset: bin/pyconfig's)
#= PY_LIBDIR: the folder of its libpython (unset: bin/pyconfig's)
#= PY_TAG: the build folder is build/unit-<PY_TAG>; bin/pyconfig's without PY_CFLAGS
#= CHECK_FILTER: in the environment: only the unit tests whose name holds it
# Values as typed (mk/quote.mk): a `$` in a path stays; paths are quoted for the shell.
include mk/quote.mk
$(call as_typed,PYTHON PY_EXE PY_TAG PY_CFLAGS PY_LDFLAGS PY_LIBDIR SANITIZE V)
include mk/sources.mk

ifeq ($(V),1)
Q :=
else
Q := @
endif

.DEFAULT_GOAL := run

# --- the interpreter: given on the command line, or asked of bin/pyconfig --------------
# Without PY_CFLAGS, bin/pyconfig describes PY_EXE (or PYTHON); values given on the
# command line still win over what it prints.
NEEDS_PYTHON := $(filter-out help clean,$(or $(MAKECMDGOALS),run))
ifndef PY_CFLAGS
ifneq ($(NEEDS_PYTHON),)
define newline


endef
PYCONFIG_MAKE := $(shell out=$$(bin/pyconfig $(call shell_word,$(or $(PY_EXE),$(PYTHON))) 2>&1) || \
	{ printf 'PY_ERROR := %s' "$$out"; exit 0; }; eval "$$out"; \
	printf 'PY_EXE := %s|NL|PY_TAG := %s|NL|PY_CFLAGS := %s|NL|PY_LDFLAGS := %s|NL|PY_LIBDIR := %s|NL|' \
	"$$PY_EXE" "$$PY_TAG" "$$PY_CFLAGS" "$$PY_LDFLAGS" "$$PY_LIBDIR")
$(eval $(subst |NL|,$(newline),$(PYCONFIG_MAKE)))
ifdef PY_ERROR
$(error $(PY_ERROR))
endif
endif
endif
PY_TAG ?= custom

BUILD := build/unit-$(PY_TAG)$(if $(SANITIZE),-asan)

# --- flags --------------------------------------------------------------------------------
ASAN_UBSAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
SANITIZE_FLAGS := $(if $(SANITIZE),$(ASAN_UBSAN_FLAGS))
OPT := $(if $(SANITIZE),-O1,-O2)
# Python's own flags first (they carry -O3 and -DNDEBUG), so that ours win.
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE=1 $(OPT) -g -Wall -Wextra $(SANITIZE_FLAGS)
PURE_CFLAGS := $(BASE_CFLAGS)
EMBED_CFLAGS := $(PY_CFLAGS) $(BASE_CFLAGS)
TEST_DEFINES := -Itests/unit -DFIXTURES_DIR='"$(abspath tests/unit/fixtures)"' \
	-DPY_EXE_PATH=$(call shell_word,$(call c_string,$(PY_EXE)))
EMBED_LDLIBS := $(PY_LDFLAGS) -Wl,-rpath,$(call shell_word,$(PY_LIBDIR)) -pthread

# --- what each test links -----------------------------------------------------------------
# Each folder of tests/unit tests the folder of src/ of its name (mk/sources.mk); compare's
# are mk/compare.mk's. A test links its own file and the archives of the modules it may
# call, from which the linker takes only what the test calls (a test's own stand-ins for
# a module's functions win). Tests of src/common link no Python; those of src/idiombench
# embed PYTHON and link as the harness does (C++, for the Google Benchmark shim).
COMMON_OBJECTS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(COMMON_C))
IDIOMBENCH_OBJECTS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(IDIOMBENCH_C)) \
	$(patsubst src/%.cc,$(BUILD)/obj/%.o,$(IDIOMBENCH_CXX))
COMMON_ARCHIVE := $(BUILD)/libcommon.a
IDIOMBENCH_ARCHIVE := $(BUILD)/libidiombench.a

COMMON_BINS := $(patsubst tests/unit/%.c,$(BUILD)/%,$(UNIT_TESTS_common))
IDIOMBENCH_BINS := $(patsubst tests/unit/%.c,$(BUILD)/%,$(UNIT_TESTS_idiombench))
TEST_BINS := $(COMMON_BINS) $(IDIOMBENCH_BINS)
TEST_OBJECTS := $(TEST_BINS:%=%.o)

# --- running ------------------------------------------------------------------------------
LSAN_SUPP := $(abspath tests/unit/fixtures/lsan.supp)
# CPython leaks by design at exit: the suppression hides leaks with libpython on the
# stack, so the harness's own leaks are still reported.
RUN_ENV := $(if $(SANITIZE),ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	LSAN_OPTIONS=suppressions=$(LSAN_SUPP):print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)

.PHONY: run
## run: build and run every unit test; last line "N passed, N failed" for them all
run: $(TEST_BINS)
	@echo "unit tests: Python $(PY_EXE)$(if $(SANITIZE), under ASan + UBSan), in $(BUILD)"
	$(Q)$(RUN_ENV) tests/run-unit-binaries $(TEST_BINS)

.PHONY: build
## build: build the unit-test binaries without running them
build: $(TEST_BINS)

.PHONY: clean
## clean: remove every unit-test build folder (build/unit-*)
clean:
	rm -rf build/unit-*

.PHONY: help
## help: list the targets and the variables they read
help:
	@awk -f mk/help.awk $(MAKEFILE_LIST)

# --- building -----------------------------------------------------------------------------
$(COMMON_BINS): %: %.o $(COMMON_ARCHIVE)
	@echo "  LINK    $@"
	$(Q)$(CC) -o $@ $^ $(SANITIZE_FLAGS) -lm

$(IDIOMBENCH_BINS): %: %.o $(IDIOMBENCH_ARCHIVE) $(COMMON_ARCHIVE)
	@echo "  LINK    $@"
	$(Q)$(CXX) -o $@ $^ $(SANITIZE_FLAGS) $(EMBED_LDLIBS) -lbenchmark -lm

$(COMMON_ARCHIVE): $(COMMON_OBJECTS)
$(IDIOMBENCH_ARCHIVE): $(IDIOMBENCH_OBJECTS)
$(COMMON_ARCHIVE) $(IDIOMBENCH_ARCHIVE):
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/common/test_%.o: tests/unit/common/test_%.c
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(PURE_CFLAGS) $(COMMON_INCLUDES) $(TEST_DEFINES) -MMD -MP -c $< -o $@

$(BUILD)/idiombench/test_%.o: tests/unit/idiombench/test_%.c
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(EMBED_CFLAGS) $(IDIOMBENCH_INCLUDES) $(TEST_DEFINES) -Itests/unit/idiombench \
		-MMD -MP -c $< -o $@

$(BUILD)/obj/common/%.o: src/common/%.c
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(PURE_CFLAGS) $(COMMON_INCLUDES) -MMD -MP -c $< -o $@

$(BUILD)/obj/idiombench/%.o: src/idiombench/%.c
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(EMBED_CFLAGS) $(IDIOMBENCH_INCLUDES) \
		-DIDIOMBENCH_PYTHON=$(call shell_word,$(call c_string,$(PY_EXE))) -MMD -MP -c $< -o $@

$(BUILD)/obj/idiombench/%.o: src/idiombench/%.cc
	@echo "  CXX     $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CXX) -std=c++17 $(OPT) -g -Wall -Wextra $(SANITIZE_FLAGS) -MMD -MP -c $< -o $@

.SECONDARY: $(TEST_OBJECTS)
-include $(TEST_OBJECTS:.o=.d) $(COMMON_OBJECTS:.o=.d) $(IDIOMBENCH_OBJECTS:.o=.d)
