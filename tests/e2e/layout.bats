#!/usr/bin/env bats
# The layout of the C code: names, and membership by folder.
#
# Convention: every function a header of src/ declares starts with the header's file
# name (csv.h: csv_*, results_meta.h: results_meta_*), or is that name (malloc_settle).

load helper

# "header name" for each function the headers given declare at file scope: comments,
# preprocessor lines, typedefs and what stands inside braces (struct bodies, extern "C")
# are passed over; a declaration is a line that starts in column 1 with a name and "(".
declared_functions() { # declared_functions HEADER...
    awk '
        FNR == 1 { comment = 0; depth = 0; macro = 0 }
        {
            text = ""; rest = $0
            while (rest != "") {
                if (comment) {
                    k = index(rest, "*/")
                    if (k == 0) rest = ""
                    else { rest = substr(rest, k + 2); comment = 0 }
                } else if ((k = index(rest, "/*")) > 0) {
                    text = text substr(rest, 1, k - 1); rest = substr(rest, k + 2); comment = 1
                } else {
                    text = text rest; rest = ""
                }
            }
            sub(/\/\/.*/, "", text)
            if (macro || text ~ /^[ \t]*#/) { macro = text ~ /\\$/; next }
            if (text ~ /^extern "C"/) next
            outer = depth == 0
            depth += gsub(/\{/, "{", text) - gsub(/\}/, "}", text)
            if (depth < 0) depth = 0
            if (!outer || text ~ /^[ \t]/ || text ~ /typedef/) next
            if (match(text, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/)) {
                name = substr(text, RSTART, RLENGTH); sub(/[ \t]*\($/, "", name)
                print FILENAME, name
            }
        }' "$@"
}

# "header name" for each declared function whose name does not follow the convention.
misnamed_functions() { # misnamed_functions HEADER...
    declared_functions "$@" |
        awk '{ file = $1; sub(/.*\//, "", file); sub(/\.h$/, "", file)
               if ($2 != file && index($2, file "_") != 1) print }'
}

setup() {
    make_sandbox
}

@test "every function a header of src/ declares starts with the header's name" {
    local headers count wrong
    headers=$(cd "$REPO_ROOT" && find src -name '*.h' | sort)
    count=$(cd "$REPO_ROOT" && declared_functions $headers | wc -l)
    [ "$count" -gt 100 ] || fail "only $count declarations found in src/*.h: the check is broken"
    wrong=$(cd "$REPO_ROOT" && misnamed_functions $headers)
    [ -z "$wrong" ] || fail "functions not named after their header (rename them):" "$wrong"
}

@test "the naming check reads declarations only, and reports the one misnamed" {
    local header=$SANDBOX/thing.h
    printf '%s\n' '/* a comment: not_me(void) */' 'typedef int (*fn_type)(void);' \
        'struct thing {' '    int member(void);' '};' '#define MACRO(x) \' '    other(x)' \
        'int thing(void);' 'int thing_ok(void);' 'int stray_name(int a,' '               int b);' \
        >"$header"
    run declared_functions "$header"
    assert_status 0
    [ "$output" = "$header thing
$header thing_ok
$header stray_name" ] || fail "declarations read wrong" "$output"
    run misnamed_functions "$header"
    [ "$output" = "$header stray_name" ] || fail "misnamed reported wrong" "$output"
}

# A copy of the C sources and makefiles, with one new file in each program's folder and
# one new unit test: each is built with no makefile edit (mk/sources.mk finds them).
@test "a new file in a folder of src/ or tests/unit/ is built into its program, no makefile edited" {
    local copy=$BATS_TEST_TMPDIR/suite config
    mkdir -p "$copy/tests"
    cp -r "$REPO_ROOT/src" "$REPO_ROOT/mk" "$copy/"
    cp -r "$REPO_ROOT/tests/unit" "$REPO_ROOT/tests/run-unit-binaries" "$copy/tests/"
    printf 'int layout_probe_measure(void) { return 1; }\n' \
        >"$copy/src/idiombench/measure/layout_probe_measure.c"
    printf 'int layout_probe_compare(void) { return 2; }\n' >"$copy/src/compare/layout_probe_compare.c"
    printf '#include "check.h"\nTEST(probe) { CHECK(1); }\n%s\n' \
        'int main(void) { RUN(probe); return check_summary(); }' \
        >"$copy/tests/unit/common/test_layout_probe.c"
    config=$(cd "$REPO_ROOT" && bin/pyconfig "$TEST_PYTHON") || fail "pyconfig failed"
    eval "$config"
    run make --no-print-directory -C "$copy" -j2 -f mk/harness.mk PY_TAG=probe \
        PY_EXE="$PY_EXE" PY_CFLAGS="$PY_CFLAGS" PY_LDFLAGS="$PY_LDFLAGS" PY_LIBDIR="$PY_LIBDIR"
    assert_status 0
    [ -f "$copy/build/probe/obj/idiombench/measure/layout_probe_measure.o" ] ||
        fail "the new harness file was not compiled" "$output"
    nm "$copy/build/probe/idiombench" | grep -q ' T layout_probe_measure$' ||
        fail "the new harness file was not linked into build/probe/idiombench"
    run make --no-print-directory -C "$copy" -f mk/compare.mk
    assert_status 0
    nm "$copy/build/idiombench-compare" | grep -q ' T layout_probe_compare$' ||
        fail "the new compare file was not linked into idiombench-compare" "$output"
    run make --no-print-directory -C "$copy" -f mk/unit.mk PY_TAG=probe PY_EXE="$PY_EXE" \
        PY_CFLAGS="$PY_CFLAGS" PY_LDFLAGS="$PY_LDFLAGS" PY_LIBDIR="$PY_LIBDIR" \
        build/unit-probe/common/test_layout_probe
    assert_status 0
    "$copy/build/unit-probe/common/test_layout_probe" | grep -q '1 passed, 0 failed' ||
        fail "the new unit test did not build or pass"
}
