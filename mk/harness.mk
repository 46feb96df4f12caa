# mk/harness.mk: builds one harness for one interpreter (called by bin/build-harness).
#   make -f mk/harness.mk PY_TAG=... PY_EXE=... PY_CFLAGS=... PY_LDFLAGS=... PY_LIBDIR=...
#        [VARIANT=asan]
VARIANT ?=
# Values as typed (mk/quote.mk): a `$` in a path stays; PY_EXE and PY_LIBDIR are quoted
# for the shell. PY_CFLAGS and PY_LDFLAGS are lists of flags, split by the shell.
include mk/quote.mk
$(call as_typed,PY_TAG PY_EXE PY_CFLAGS PY_LDFLAGS PY_LIBDIR VARIANT V)
BUILD := build/$(PY_TAG)$(if $(VARIANT),-$(VARIANT))

WARNINGS := -Wall -Wextra
SANITIZE_asan := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SANITIZE := $(SANITIZE_$(VARIANT))
OPT := $(if $(VARIANT),-O1,-O2)

# Python's own flags first, so that ours (standard, warnings, optimisation) win.
CFLAGS_ALL := $(PY_CFLAGS) -std=c11 -D_GNU_SOURCE=1 $(OPT) -g $(WARNINGS) $(SANITIZE) \
	-DIDIOMBENCH_PYTHON=$(call shell_word,$(call c_string,$(PY_EXE)))
CXXFLAGS_ALL := -std=c++17 $(OPT) -g $(WARNINGS) $(SANITIZE)
LDFLAGS_ALL := $(SANITIZE) $(PY_LDFLAGS) -Wl,-rpath,$(call shell_word,$(PY_LIBDIR)) \
	-lbenchmark -lpthread -lm

# Every source under src/common and src/idiombench (mk/sources.mk), each object in the
# build folder's obj/ at its source's path under src/.
include mk/sources.mk
OBJECTS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(COMMON_C) $(IDIOMBENCH_C)) \
	$(patsubst src/%.cc,$(BUILD)/obj/%.o,$(IDIOMBENCH_CXX))

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The goal is a phony target with a recipe of its own, so that an up-to-date harness
# builds silently (no "make[1]: '.../idiombench' is up to date." in every make bench);
# a build that runs still shows its CC and LINK lines, and a failing one its errors.
.DEFAULT_GOAL := harness
.PHONY: harness
harness: $(BUILD)/idiombench
	@:

$(BUILD)/idiombench: $(OBJECTS)
	@echo "  LINK    $@"
	$(Q)$(CXX) -o $@ $(OBJECTS) $(LDFLAGS_ALL)

$(BUILD)/obj/%.o: src/%.c | $(BUILD)
	@echo "  CC      $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS_ALL) $(IDIOMBENCH_INCLUDES) -MMD -MP -c $< -o $@

$(BUILD)/obj/%.o: src/%.cc | $(BUILD)
	@echo "  CXX     $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(CXX) $(CXXFLAGS_ALL) -MMD -MP -c $< -o $@

# Flags are part of the build: a change of interpreter flags rebuilds.
$(BUILD):
	$(Q)mkdir -p $@

# Whether valgrind's headers are there decides what marks.c and probe_instructions.c
# compile to (valgrind_compat.h). The dependency files cannot record a header that was
# missing, so its presence is written to $(BUILD)/config, rewritten only when it
# changes: installing valgrind after a first build rebuilds those two.
HAVE_VALGRIND_HEADERS := $(shell $(CC) -E -include valgrind/callgrind.h -x c /dev/null \
	>/dev/null 2>&1 && echo yes || echo no)
CONFIG_LINE := valgrind-headers=$(HAVE_VALGRIND_HEADERS)
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(BUILD)/config 2>/dev/null)" = '$(CONFIG_LINE)' ] || \
	echo '$(CONFIG_LINE)' >$(BUILD)/config; })
$(BUILD)/obj/idiombench/measure/marks.o $(BUILD)/obj/idiombench/measure/probe_instructions.o: \
	$(BUILD)/config

-include $(OBJECTS:.o=.d)
