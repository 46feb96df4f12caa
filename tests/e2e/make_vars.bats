#!/usr/bin/env bats
# make's variables are data: every one (PYTHON, QUICK, FILTER, ARGS, PYTHONS, BASELINE,
# RUN, DISTS, INSTRUCTIONS) reaches its tool as typed, whatever quotes, `$`, backticks,
# blanks or newlines it holds, and nothing in it is run, by the shell or by make.
# Each test gives a hostile value to a target that then fails fast on it: the tool's own
# error names the value unchanged, and the marker file its commands would make is absent.

load helper

setup_file() {
    build_harness
}

setup() {
    make_sandbox
    MARKER=$SANDBOX/marker
    # Every way to run `touch MARKER` from a value a shell or make re-parses: closing a
    # single or a double quote, $(...), make's $(shell ...), backticks, a new line.
    HOSTILE="zz'; touch $MARKER; echo '\"; touch $MARKER; echo \" \$(touch $MARKER) \
\$(shell touch $MARKER) \`touch $MARKER\` \$HOME \$\$ a\\b
touch $MARKER"
}

assert_no_marker() {
    [ ! -e "$MARKER" ] || fail "a command in the value ran: $MARKER exists" "$stderr"
}

# shell_words VALUE: VALUE quoted as one word for bin/with-args (shlex's rules).
shell_words() {
    "$TEST_PYTHON" -c 'import shlex, sys; print(shlex.quote(sys.argv[1]))' "$1"
}

@test "make bench FILTER: quotes, \$, backticks and a newline reach the harness as typed" {
    run --separate-stderr repo_make bench QUICK=1 INSTRUCTIONS=0 FILTER="$HOSTILE" \
        ARGS="--out $SANDBOX/run"
    assert_status 2
    assert_contains "$stderr" "idiombench: --filter '$HOSTILE' matches no case"
    assert_no_marker
    [ ! -e "$SANDBOX/run" ] || fail "a run folder was made"
}

@test "make instructions FILTER: the hostile value reaches count-instructions as typed" {
    command -v valgrind >/dev/null || skip "valgrind is not installed"
    run --separate-stderr repo_make instructions QUICK=1 FILTER="$HOSTILE" \
        ARGS="--out $SANDBOX/run"
    [ "$status" -ne 0 ] || fail "make instructions succeeded with a filter matching nothing"
    assert_contains "$stderr" "--filter '$HOSTILE' matches no case"
    assert_no_marker
}

@test "make bench QUICK and INSTRUCTIONS: hostile values run nothing" {
    local name
    for name in QUICK INSTRUCTIONS; do
        run --separate-stderr repo_make bench FILTER='^nothing/matches$' "$name=$HOSTILE" \
            ARGS="--out $SANDBOX/run"
        assert_status 2
        assert_contains "$stderr" "idiombench: --filter '^nothing/matches\$' matches no case"
        assert_no_marker
    done
}

@test "make bench ARGS: words split with shell quotes, nothing expanded or run" {
    run --separate-stderr repo_make bench QUICK=1 INSTRUCTIONS=0 \
        ARGS="--out $SANDBOX/run
--filter $(shell_words "$HOSTILE")"
    assert_status 2
    assert_contains "$stderr" "idiombench: --filter '$HOSTILE' matches no case"
    assert_no_marker
}

@test "make validate ARGS: the hostile word reaches validate.py as one argument" {
    run --separate-stderr repo_make validate ARGS="--no-such-option $(shell_words "$HOSTILE")"
    [ "$status" -ne 0 ] || fail "make validate accepted an unknown option"
    assert_contains "$stderr" "unrecognized arguments: --no-such-option $HOSTILE"
    assert_no_marker
}

@test "make bench ARGS with a quote left open: one line naming ARGS, exit 2" {
    run --separate-stderr repo_make bench QUICK=1 INSTRUCTIONS=0 \
        ARGS="--out $SANDBOX/run --filter 'zz; touch $MARKER"
    assert_status 2
    assert_one_clear_line "ARGS=--out $SANDBOX/run --filter 'zz; touch $MARKER" \
        "cannot be split into words (no closing quotation)"
    assert_no_marker
    [ ! -e "$SANDBOX/run" ] || fail "a run folder was made"
}

@test "make build PYTHON: the hostile value reaches bin/pyconfig as typed" {
    run --separate-stderr repo_make build PYTHON="$HOSTILE"
    assert_status 2
    assert_contains "$stderr" "idiombench: unknown Python '$HOSTILE': no such interpreter"
    assert_no_marker
}

@test "make compare PYTHONS: split at blanks only, each entry as typed" {
    local first=${HOSTILE%% *}
    run --separate-stderr repo_make compare PYTHONS="$HOSTILE"
    assert_status 2
    assert_one_clear_line "PYTHONS entry '$first': unknown Python '$first'"
    assert_no_marker
}

@test "make compare BASELINE: the hostile value reaches compare.py as typed" {
    run --separate-stderr repo_make compare PYTHONS="$TEST_PYTHON" BASELINE="$HOSTILE" \
        ARGS="--out $SANDBOX/run"
    assert_status 2
    assert_contains "$stderr" "idiombench: BASELINE=$HOSTILE is not among the interpreters"
    assert_no_marker
    [ ! -e "$SANDBOX/run" ] || fail "a run folder was made"
}

@test "make plots, report and claims RUN: a hostile folder name reaches the tool as typed" {
    local target
    for target in plots report claims; do
        run --separate-stderr repo_make "$target" RUN="$SANDBOX/$HOSTILE"
        assert_status 2
        assert_contains "$stderr" "$SANDBOX/$HOSTILE"
        assert_no_marker
    done
}

@test "make test-distros DISTS: each word reaches bin/test-distros as typed" {
    run --separate-stderr repo_make test-distros DISTS="$(shell_words "-$HOSTILE") sid"
    assert_status 2
    assert_contains "$stderr" "idiombench: test-distros: unknown option '-$HOSTILE'"
    assert_no_marker
}

# assert_compiled_string OBJECT TEXT: OBJECT holds TEXT, NUL-terminated, as a C string.
assert_compiled_string() {
    "$TEST_PYTHON" - "$1" "$2" <<'PY' || fail "$1 does not hold the path as typed" "$2"
import sys
with open(sys.argv[1], "rb") as stream:
    data = stream.read()
sys.exit(0 if sys.argv[2].encode() + b"\0" in data else 1)
PY
}

# compile_with_hostile_exe MAKEFILE OBJECT: OBJECT built by MAKEFILE with PY_EXE=$HOSTILE
# and the flags of $TEST_PYTHON (bin/pyconfig's, in the environment); it holds the
# path as typed and nothing in it ran.
compile_with_hostile_exe() {
    run --separate-stderr make --no-print-directory -C "$REPO_ROOT" -f "$1" PY_TAG="$TAG" \
        PY_EXE="$HOSTILE" PY_CFLAGS="$PY_CFLAGS" PY_LDFLAGS="$PY_LDFLAGS" \
        PY_LIBDIR="$PY_LIBDIR" "$2"
    assert_status 0
    assert_no_marker
    assert_compiled_string "$REPO_ROOT/$2" "$HOSTILE"
}

@test "mk/harness.mk and mk/unit.mk PY_EXE: a hostile path is compiled in as typed" {
    local config
    config=$(cd "$REPO_ROOT" && bin/pyconfig "$TEST_PYTHON") || fail "pyconfig failed"
    eval "$config"
    TAG=e2e-make-vars-$$
    BUILT=("$REPO_ROOT/build/$TAG" "$REPO_ROOT/build/unit-$TAG")
    compile_with_hostile_exe mk/harness.mk "build/$TAG/obj/idiombench/main.o"
    compile_with_hostile_exe mk/unit.mk "build/unit-$TAG/idiombench/test_interp.o"
}

teardown() {
    local folder
    for folder in "${BUILT[@]}"; do
        case $folder in */build/*e2e-make-vars-*) rm -rf "$folder" ;; esac
    done
}
