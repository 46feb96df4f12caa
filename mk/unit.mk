# mk/unit.mk: unit tests of the harness's C modules (tests/unit/test_*.c), one binary
# per module, built from harness/*.c directly into build/unit-<python-tag>[-asan]/.
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
# non-zero when anything failed. Pure modules link no Python; the others embed PYTHON.
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
TEST_DEFINES := -Iharness -Itests/unit -DFIXTURES_DIR='"$(abspath tests/unit/fixtures)"' \
	-DPY_EXE_PATH=$(call shell_word,$(call c_string,$(PY_EXE)))
EMBED_LDLIBS := $(PY_LDFLAGS) -Wl,-rpath,$(call shell_word,$(PY_LIBDIR)) -pthread

# --- what each test links -----------------------------------------------------------------
PURE_TESTS := stats sampling atomic_file results_csv results_meta options select run_dir \
	complexity malloc_settle unavailable stage child_proc
EMBED_TESTS := interp pyutil catalogue trial probe_alloc marks loop observe probe_memory \
	probe_resources noise_floor

test_stats_MODULES := stats
test_sampling_MODULES := sampling stats
test_complexity_MODULES := complexity results_complexity results results_csv atomic_file
# The probes' availability is faked in the test itself, so 2.7's answers are tested too.
test_unavailable_MODULES := unavailable
test_atomic_file_MODULES := atomic_file
test_malloc_settle_MODULES := malloc_settle
test_stage_MODULES := stage
test_child_proc_MODULES := child_proc clock
test_results_csv_MODULES := results_csv results atomic_file
test_results_meta_MODULES := results_meta atomic_file
test_options_MODULES := options argv
test_select_MODULES := select
test_run_dir_MODULES := run_dir atomic_file
test_interp_MODULES := interp
test_pyutil_MODULES := pyutil interp
test_catalogue_MODULES := catalogue catalogue_wire trial child_proc clock pyutil interp
test_trial_MODULES := trial child_proc clock pyutil interp
test_probe_alloc_MODULES := probe_alloc interp
test_marks_MODULES := marks stage clock probe_alloc interp
test_loop_MODULES := loop marks stage clock probe_alloc pyutil stats interp
test_probe_memory_MODULES := probe_memory loop marks stage clock probe_alloc pyutil stats interp
test_probe_resources_MODULES := probe_resources loop marks stage clock probe_alloc pyutil stats \
	interp
test_noise_floor_MODULES := noise_floor loop marks stage clock probe_alloc pyutil stats interp \
	results_meta atomic_file
test_observe_MODULES := observe stage catalogue catalogue_wire trial child_proc clock results \
	results_csv atomic_file pyutil interp

# Harness modules that include Python.h; the rest compile without Python's flags.
EMBED_MODULES := interp pyutil catalogue trial probe_alloc marks loop observe probe_memory \
	probe_resources unavailable noise_floor

PURE_BINS := $(PURE_TESTS:%=$(BUILD)/test_%)
EMBED_BINS := $(EMBED_TESTS:%=$(BUILD)/test_%)
TEST_BINS := $(PURE_BINS) $(EMBED_BINS)
ALL_MODULES := $(sort $(foreach t,$(PURE_TESTS) $(EMBED_TESTS),$(test_$(t)_MODULES)))
MODULE_OBJECTS := $(ALL_MODULES:%=$(BUILD)/harness/%.o)
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
.SECONDEXPANSION:
$(TEST_BINS): %: %.o \
		$$(addprefix $(BUILD)/harness/,$$(addsuffix .o,$$($$(notdir $$*)_MODULES)))
	@echo "  LINK    $@"
	$(Q)$(CC) -o $@ $^ $(SANITIZE_FLAGS) $(LINK_LIBS) -lm

$(PURE_BINS): private LINK_LIBS :=
$(EMBED_BINS): private LINK_LIBS := $(EMBED_LDLIBS)

$(BUILD)/test_%.o: tests/unit/test_%.c | $(BUILD)
	@echo "  CC      $@"
	$(Q)$(CC) $(if $(filter $*,$(EMBED_TESTS)),$(EMBED_CFLAGS),$(PURE_CFLAGS)) \
		$(TEST_DEFINES) -MMD -MP -c $< -o $@

$(BUILD)/harness/%.o: harness/%.c | $(BUILD)/harness
	@echo "  CC      $@"
	$(Q)$(CC) $(if $(filter $*,$(EMBED_MODULES)),$(EMBED_CFLAGS),$(PURE_CFLAGS)) \
		-MMD -MP -c $< -o $@

$(BUILD) $(BUILD)/harness:
	$(Q)mkdir -p $@

-include $(TEST_OBJECTS:.o=.d) $(MODULE_OBJECTS:.o=.d)
