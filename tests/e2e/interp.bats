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

@test "every interpreter: fixed hash seed, no site, no PYTHON* environment" {
    cd "$REPO"
    count=0
    for python in $(tools/find-pythons --all); do
        bin=$(tools/build-harness "$python" 2>/dev/null)
        first=$(facts "$bin" 1)
        second=$(facts "$bin" 2)
        echo "$python: $first"
        [ -n "$first" ]
        [ "$first" = "$second" ]
        [[ "$first" == *"site=False"* ]]
        [[ "$first" == *"env_path=False"* ]]
        count=$((count + 1))
    done
    [ "$count" -ge 1 ]
}
