#!/usr/bin/env bats
# The embedded interpreter starts isolated and repeatable on every CPython found.

setup_file() {
    cd "$BATS_TEST_DIRNAME/../.."
    export REPO=$PWD
}

facts() { # facts BINARY SEED: the FACTS line under a hostile environment
    PYTHONHASHSEED=$2 PYTHONPATH=/nonexistent-idiombench PYTHONSTARTUP=/dev/null \
        "$1" --list --catalogue "$REPO/tests/e2e/fixtures/interp_facts.py" | grep '^FACTS'
}

# Whichever interpreters this machine has: those bin/pyconfig says cannot be embedded
# (no headers, no libpython) are passed over, and the test is skipped if none is left.
@test "every interpreter: fixed hash seed, no site, no PYTHON* environment" {
    cd "$REPO"
    count=0 passed_over=''
    while IFS= read -r python <&3; do
        if ! why=$(bin/pyconfig "$python" 2>&1 >/dev/null); then
            passed_over="$passed_over $python (${why#idiombench: })"
            continue
        fi
        bin=$(bin/build-harness "$python" 2>/dev/null)
        first=$(facts "$bin" 1)
        second=$(facts "$bin" 2)
        echo "$python: $first"
        [ -n "$first" ]
        [ "$first" = "$second" ]
        [[ "$first" == *"site=False"* ]]
        [[ "$first" == *"env_path=False"* ]]
        count=$((count + 1))
    done 3< <(bin/find-pythons --all)
    [ "$count" -ge 1 ] || skip "no interpreter found here can be embedded:$passed_over"
}
