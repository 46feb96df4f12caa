#!/usr/bin/env bats
# OBSERVATIONS of the catalogue (bench/*.py): one quick run that measures one case of
# each family, so that every family's observations are recorded, then: every declared
# observation has a row with a value or an error, and the facts that hold on every
# CPython 3.6+ have the value they must have. Facts that differ by version (getrefcount
# figures, None's count, interning of non-identifier literals) are only required to
# be recorded. Then observations that crash, hang or exit (fixtures/observing): each
# fails alone, in its own process, and the run ends normally. Takes 6 to 10 s.

load helper

FILTER='^(identity/is_none|mutability/int_iadd_small|copying/flat_alias|interning/join|refcount/bind_name|weakref/plain_ref)$'
FILES="identity.py mutability.py copying.py interning.py strings.py refcount.py weakrefs.py"

setup_file() {
    build_harness
    local dir=$BATS_FILE_TMPDIR/run status=0
    "$IDIOMBENCH" --quick --repetitions 2 --filter "$FILTER" --out "$dir" \
        >"$dir.stdout" 2>"$dir.stderr" || status=$?
    echo "$status" >"$dir.status"
    hostile_run
}

# A run of fixtures/observing (observations that crash, loop, exit or raise) without
# --out, by a copy of the harness in a suite folder of its own ($HOSTILE_SUITE), so that
# it writes results/<stamp>/ and results/latest there: $HOSTILE_SUITE.{stdout,stderr,
# status}. Bounded by timeout(1): a harness that hangs fails the tests, not the suite.
hostile_run() {
    HOSTILE_SUITE=$BATS_FILE_TMPDIR/suite
    export HOSTILE_SUITE
    local status=0
    mkdir -p "$HOSTILE_SUITE/build/tag"
    cp "$IDIOMBENCH" "$HOSTILE_SUITE/build/tag/idiombench"
    timeout -k 5 60 "$HOSTILE_SUITE/build/tag/idiombench" --quick --repetitions 2 \
        --case-timeout 2 --catalogue "$FIXTURES/observing" \
        >"$HOSTILE_SUITE.stdout" 2>"$HOSTILE_SUITE.stderr" || status=$?
    echo "$status" >"$HOSTILE_SUITE.status"
}

# observed: runs the Python checks on stdin against the run's observations.csv. They
# see obs (a dict (family, name) -> (value, error)), declared (the list of (family,
# name) the catalogue files declare) and expect(condition, message).
observed() {
    local checks
    checks=$(cat)
    "$TEST_PYTHON" - "$BATS_FILE_TMPDIR/run/observations.csv" "$REPO_ROOT/bench" "$FILES" \
        "$checks" <<'PY'
import csv, os, sys
path, bench, files, checks = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4]
with open(path, newline="") as stream:
    rows = list(csv.DictReader(stream))
obs = {}
for r in rows:
    key = (r["family"], r["observation"])
    if key in obs:
        sys.exit("observation %s/%s recorded twice" % key)
    obs[key] = (r["value"], r["error"])
declared = []
for name in files:
    scope = {}
    exec(open(os.path.join(bench, name)).read(), scope)
    family = scope.get("FAMILY", name[:-3])
    declared += [(family, o["name"]) for o in scope.get("OBSERVATIONS", [])]
failures = []

def expect(condition, message):
    if not condition:
        failures.append(message)

exec(checks)
if failures:
    sys.exit("FAIL:\n  " + "\n  ".join(failures))
PY
}

@test "the run measures its cases and records observations, exit 0" {
    local dir=$BATS_FILE_TMPDIR/run
    [ "$(cat "$dir.status")" -eq 0 ] ||
        fail "the run exited with $(cat "$dir.status")" "--- stdout:" "$(cat "$dir.stdout")" \
            "--- stderr:" "$(cat "$dir.stderr")"
    [ "$(cat "$dir/failures.csv")" = "$FAILURES_HEADER" ] ||
        fail "cases failed" "$(cat "$dir/failures.csv")"
    [ "$(head -1 "$dir/observations.csv")" = "python_version,family,observation,value,error" ] ||
        fail "observations.csv header" "$(head -1 "$dir/observations.csv")"
}

@test "every declared observation is recorded, with a value or an error" {
    observed <<'PY'
expect(len(declared) >= 60, "only %d observations declared" % len(declared))
for key in declared:
    if key not in obs:
        failures.append("%s/%s not recorded" % key)
        continue
    value, error = obs[key]
    expect((value == "") != (error == ""), "%s/%s: value %r, error %r" % (key + (value, error)))
for key in obs:
    expect(key in declared, "%s/%s recorded but not declared" % key)
PY
}

@test "facts that hold on every CPython 3.6+ have their value (C01-C09, C11-C12)" {
    observed <<'PY'
facts = {
    ("identity", "C01_alias_same_id"): "True",
    ("identity", "C03_eq_overridden_is_not"): "(True, False)",
    ("identity", "C03_eq_false_is_true"): "(False, True)",
    ("identity", "C09_none_from_function"): "True",
    ("identity", "C09_none_from_type"): "True",
    ("identity", "C09_true_from_bool"): "(True, True)",
    ("identity", "C09_false_from_bool"): "(True, True)",
    ("identity", "C09_notimplemented_from_eq"): "True",
    ("mutability", "C04_append_keeps_id"): "True",
    ("mutability", "C04_iadd_keeps_id"): "True",
    ("mutability", "C04_concat_new_object"): "(False, [1], [1, 2])",
    ("mutability", "C05_int_iadd_300"): "False",
    ("mutability", "C05_int_iadd_5"): "False",
    ("mutability", "C05_small_result_cached"): "True",
    ("mutability", "C06_alias_visible"): "([1, 2, 3, 4], True)",
    ("copying", "C06_alias_is"): "True",
    ("copying", "C07_slice"): "(False, True)",
    ("copying", "C07_copy_method"): "(False, True)",
    ("copying", "C07_list_call"): "(False, True)",
    ("copying", "C07_copy_copy"): "(False, True)",
    ("copying", "C07_dict_copy"): "(False, True)",
    ("copying", "C07_slice_inner_change_visible"): "[[1, 2]]",
    ("copying", "C08_deepcopy"): "(False, False)",
    ("copying", "C08_deepcopy_inner_change_hidden"): "[[1]]",
    ("interning", "C11_literal_separate_compiles"): "True",
    ("interning", "C11_runtime_built"): "False",
    ("interning", "C11_runtime_eq"): "True",
    ("interning", "C12_sys_intern_runtime"): "True",
}
for key, want in sorted(facts.items()):
    got = obs.get(key)
    expect(got == (want, ""), "%s/%s: expected %r, recorded %r" % (key + (want, got)))
PY
}

@test "facts that hold on every CPython 3.6+ have their value (C14, C17-C19)" {
    observed <<'PY'
facts = {
    ("refcount", "C14_freed_on_del"): "True",
    ("refcount", "C14_finalizer_on_del"): "True",
    ("refcount", "C14_cycle_needs_gc"): "(False, True)",
    ("weakref", "C17_call_returns_object"): "True",
    ("weakref", "C17_none_after_del"): "True",
    ("weakref", "C18_set"): "'set'",
    ("weakref", "C18_frozenset"): "'frozenset'",
    ("weakref", "C18_function"): "'function'",
    ("weakref", "C18_class_instance"): "'C'",
    ("weakref", "C18_class_itself"): "True",
    ("weakref", "C18_list_subclass"): "'Big'",
    ("weakref", "C19_cache_after_del"): "(1, 0)",
    ("weakref", "C19_object_alive_after_del"): "(True, False)",
}
for key, want in sorted(facts.items()):
    got = obs.get(key)
    expect(got == (want, ""), "%s/%s: expected %r, recorded %r" % (key + (want, got)))
# Exceptions are the evidence: recorded in the error column, no value.
errors = {
    ("refcount", "C14_del_removes_name"): "NameError: ",
    ("weakref", "C18_list"): "TypeError: ",
    ("weakref", "C18_dict"): "TypeError: ",
    ("weakref", "C18_int"): "TypeError: ",
    ("weakref", "C18_str"): "TypeError: ",
    ("weakref", "C18_tuple"): "TypeError: ",
    ("weakref", "C18_slots_instance"): "TypeError: ",
}
for key, prefix in sorted(errors.items()):
    value, error = obs.get(key, ("?", ""))
    expect(value == "" and error.startswith(prefix),
           "%s/%s: expected %s..., recorded value %r, error %r" % (key + (prefix, value, error)))
# C17: the reference count is the same before and after making a weak reference.
before, after = eval(obs[("weakref", "C17_refcount_before_after")][0])
expect(before == after, "C17 refcount before %d, after %d" % (before, after))
# C15: the figures vary by version; they are counts (ints), recorded.
for name in ("C15_two_names_module", "C15_one_name_module", "C15_none", "C15_none_moves"):
    value = obs[("refcount", name)][0]
    expect(value.isdigit(), "refcount/%s: %r is not a count" % (name, value))
PY
}

# "stage|error" of observing/NAME in the hostile run's failures.csv.
hostile_failure() {
    csv_rows "$(readlink -f "$HOSTILE_SUITE/results/latest")/failures.csv" stage,error \
        family=observing case="$1"
}

# "value|error" of observing/NAME in the hostile run's observations.csv.
hostile_observation() {
    csv_rows "$(readlink -f "$HOSTILE_SUITE/results/latest")/observations.csv" value,error \
        family=observing observation="$1"
}

@test "observations that crash, hang or exit fail alone; the run ends normally" {
    local status
    status=$(cat "$HOSTILE_SUITE.status")
    [ "$status" -eq 1 ] ||
        fail "exit status $status, expected 1 (observations failed)" "--- stdout:" \
            "$(cat "$HOSTILE_SUITE.stdout")" "--- stderr:" "$(cat "$HOSTILE_SUITE.stderr")"
    [ -L "$HOSTILE_SUITE/results/latest" ] || fail "results/latest was not made"
    assert_contains "$(cat "$HOSTILE_SUITE.stdout")" "1 measured, 0 failed"
    assert_contains "$(cat "$HOSTILE_SUITE.stdout")" \
        "8 observations recorded, 3 failed (see failures.csv)"
    [ "$(hostile_failure segfault)" = "observation|crashed: SIGSEGV (Segmentation fault)" ] ||
        fail "segfault: '$(hostile_failure segfault)'"
    [ "$(hostile_failure loops)" = \
        "observation|timed out after 2 s (--case-timeout) while running the observation's code" ] ||
        fail "loops: '$(hostile_failure loops)'"
    [ "$(hostile_failure exits)" = "observation|exited with status 0" ] ||
        fail "exits: '$(hostile_failure exits)'"
}

@test "the observations around the failed ones are recorded, and see no state of others" {
    local name
    [ "$(hostile_observation first)" = "2|" ] || fail "first: '$(hostile_observation first)'"
    for name in after_segfault after_loops after_exits; do
        [ "$(hostile_observation "$name")" = "'still here'|" ] ||
            fail "$name: '$(hostile_observation "$name")'"
    done
    [ "$(hostile_observation sees_no_state)" = "False|" ] ||
        fail "sees_no_state: '$(hostile_observation sees_no_state)'"
    [ -z "$(hostile_observation segfault)" ] || fail "a row for the failed segfault"
}

@test "KeyboardInterrupt and SystemExit raised by an observation are its error, not the run's" {
    [ "$(hostile_observation keyboard_interrupt)" = "|KeyboardInterrupt: pressed" ] ||
        fail "keyboard_interrupt: '$(hostile_observation keyboard_interrupt)'"
    [ "$(hostile_observation system_exit)" = "|SystemExit: 4" ] ||
        fail "system_exit: '$(hostile_observation system_exit)'"
}
