# mk/compare.mk: build/idiombench-compare, the comparison of Python versions measured by
# make compare (no Python linked; GNU Scientific Library), and its unit tests
# (tests/unit/compare/test_*.c). Run from the suite's folder:
#
#   make -f mk/compare.mk                      # build build/idiombench-compare
#   make -f mk/compare.mk test                 # build it and run the unit tests
#   make -f mk/compare.mk test SANITIZE=1      # the same under ASan and UBSan, in
#                                              # build/compare-asan/ (the tool too)
#   CHECK_FILTER=welch make -f mk/compare.mk test   # only the tests whose name holds "welch"
#
# `test` prefixes each binary's lines with its name and ends with one line
# "N passed, N failed" summing them all (a binary that crashes or exits non-zero after
# its summary counts as one more failure); it exits non-zero when anything failed.
#= SANITIZE: 1 builds and tests under ASan and UBSan, in build/compare-asan/
SANITIZE ?=
#= V: 1 shows the compiler's whole command lines (unset: one line per file)
V ?=
#= CHECK_FILTER: in the environment: only the unit tests whose name holds it
include mk/quote.mk
$(call as_typed,SANITIZE V)
include mk/sources.mk

ifeq ($(V),1)
Q :=
else
Q := @
endif

.DEFAULT_GOAL := build

BUILD := build/compare$(if $(SANITIZE),-asan)
TOOL := $(if $(SANITIZE),$(BUILD)/idiombench-compare,build/idiombench-compare)

# --- GSL ----------------------------------------------------------------------------------
ifneq ($(filter-out help clean,$(or $(MAKECMDGOALS),build)),)
GSL_CFLAGS := $(shell pkg-config --cflags gsl 2>/dev/null)
GSL_LIBS := $(shell pkg-config --libs gsl 2>/dev/null)
ifeq ($(shell command -v pkg-config 2>/dev/null),)
$(error idiombench-compare finds the GNU Scientific Library with pkg-config, which is missing: install it with: sudo apt-get install pkg-config)
endif
ifeq ($(GSL_LIBS),)
$(error idiombench-compare needs the GNU Scientific Library: install it with: sudo apt-get install libgsl-dev)
endif
endif

# --- flags --------------------------------------------------------------------------------
ASAN_UBSAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
SANITIZE_FLAGS := $(if $(SANITIZE),$(ASAN_UBSAN_FLAGS))
OPT := $(if $(SANITIZE),-O1,-O2)
CFLAGS_ALL := -std=c11 -D_GNU_SOURCE=1 $(OPT) -g -Wall -Wextra $(SANITIZE_FLAGS) $(GSL_CFLAGS)
TEST_CFLAGS := $(CFLAGS_ALL) $(COMPARE_INCLUDES) -Itests/unit -Itests/unit/compare
LDLIBS_ALL := $(SANITIZE_FLAGS) $(GSL_LIBS) -lm

# --- what is linked -----------------------------------------------------------------------
# The tool is every source of src/compare and src/common (mk/sources.mk). A unit test
# links its own file and the archive of those objects, from which the linker takes only
# what the test calls (never the tool's main: the test has its own).
OBJECTS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(COMMON_C) $(COMPARE_C))
ARCHIVE := $(BUILD)/libcompare.a

TEST_BINS := $(patsubst tests/unit/compare/%.c,$(BUILD)/tests/%,$(UNIT_TESTS_compare))

RUN_ENV := $(if $(SANITIZE),ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)

.PHONY: build
## build: build build/idiombench-compare (build/compare-asan/ with SANITIZE=1)
build: $(TOOL)

.PHONY: test
## test: build the tool and the unit tests, run them; last line "N passed, N failed"
test: $(TOOL) $(TEST_BINS)
	@echo "compare unit tests$(if $(SANITIZE), under ASan + UBSan), in $(BUILD)"
	$(Q)$(RUN_ENV) tests/run-unit-binaries $(TEST_BINS)

.PHONY: clean
## clean: remove the tool and its build folders
clean:
	rm -rf build/compare build/compare-asan build/idiombench-compare

.PHONY: help
## help: list the targets and the variables they read
help:
	@awk -f mk/help.awk $(MAKEFILE_LIST)

# --- building -----------------------------------------------------------------------------
$(TOOL): $(OBJECTS)
	@echo "  LINK    $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS_ALL)

$(ARCHIVE): $(OBJECTS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(ARCHIVE)
	@echo "  LINK    $@"
	$(Q)$(CC) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/test_%.o: tests/unit/compare/test_%.c | $(BUILD)/tests
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: src/%.c | $(BUILD)
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS_ALL) $(COMPARE_INCLUDES) -MMD -MP -c $< -o $@

$(BUILD) $(BUILD)/tests:
	$(Q)mkdir -p $@

.SECONDARY: $(TEST_BINS:%=%.o)
-include $(OBJECTS:.o=.d) $(TEST_BINS:%=%.d)
