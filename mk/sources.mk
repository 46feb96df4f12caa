# mk/sources.mk: which sources make up what, read from the folders (no lists by hand).
#
#   src/common/       plain C both programs link (no Python, no GSL)
#   src/idiombench/   the harness, every file under it embedding Python (subfolders too)
#   src/compare/      idiombench-compare (GSL, no Python)
#   tests/unit/<the same three names>/test_*.c: each folder's unit tests
#
# A folder's C files and its C++ (the harness's Google Benchmark shim) are found with
# find, so that a new file is built once it is in its folder. Each program's include path
# is every folder it is built from, so that a source includes "name.h" wherever it sits.
#
# Include it after mk/quote.mk's as_typed: from make 4.4 on, $(shell) exports the
# command line's variables to its environment, which expands them, so a value holding
# $(shell ...) would run if it were not made a simple variable first.
sources_in = $(sort $(shell find $(1) -name '*.$(2)' 2>/dev/null))
folders_in = $(sort $(shell find $(1) -type d 2>/dev/null))

COMMON_C := $(call sources_in,src/common,c)
IDIOMBENCH_C := $(call sources_in,src/idiombench,c)
IDIOMBENCH_CXX := $(call sources_in,src/idiombench,cc)
COMPARE_C := $(call sources_in,src/compare,c)

COMMON_INCLUDES := -Isrc/common
IDIOMBENCH_INCLUDES := $(COMMON_INCLUDES) $(addprefix -I,$(call folders_in,src/idiombench))
COMPARE_INCLUDES := $(COMMON_INCLUDES) -Isrc/compare

UNIT_TESTS_common := $(call sources_in,tests/unit/common,c)
UNIT_TESTS_idiombench := $(call sources_in,tests/unit/idiombench,c)
UNIT_TESTS_compare := $(call sources_in,tests/unit/compare,c)
