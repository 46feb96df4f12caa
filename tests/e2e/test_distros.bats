#!/usr/bin/env bats
# bin/test-distros (make test-distros): its options, bad input, and a release that
# cannot be downloaded. The real runs (Debian 12, 13 and sid roots) are what .ci/run does
# after make test; these tests make no root.

load helper

TEST_DISTROS=$REPO_ROOT/bin/test-distros

setup() {
    make_sandbox
    export IDIOMBENCH_DISTRO_CACHE=$SANDBOX/cache IDIOMBENCH_DISTRO_LOGS=$SANDBOX/logs
}

needs_root_and_debootstrap() {
    [ "$(id -u)" = 0 ] || skip "test-distros needs root"
    command -v debootstrap >/dev/null || skip "no debootstrap here"
}

@test "test-distros --help describes what it runs; an unknown option is one clear line, exit 2" {
    run --separate-stderr "$TEST_DISTROS" --help
    assert_status 0
    assert_contains "$output" "make bench QUICK=1"
    assert_contains "$output" "skipped"
    run --separate-stderr "$TEST_DISTROS" --bogus
    assert_status 2
    assert_one_clear_line "unknown option '--bogus'"
}

@test "test-distros: an unknown release is one clear line, exit 2, nothing made" {
    needs_root_and_debootstrap
    run --separate-stderr "$TEST_DISTROS" trixie bookwurm
    assert_status 2
    assert_one_clear_line "unknown Debian release 'bookwurm'"
    [ -z "$(ls -A "$IDIOMBENCH_DISTRO_CACHE/roots")" ] || fail "a root was made"
}

@test "test-distros: a mirror that cannot be reached is a skip with the reason, exit 0, no root left" {
    needs_root_and_debootstrap
    # Nothing listens on the discard port of loopback: the download fails at once.
    IDIOMBENCH_DEBIAN_MIRROR=http://127.0.0.1:9/debian run --separate-stderr "$TEST_DISTROS" trixie
    assert_status 0
    [[ "$output" == "test-distros: trixie: skipped: debootstrap could not download trixie from http://127.0.0.1:9/debian"* ]] ||
        fail "no skip line" "$output"
    [ -z "$(ls -A "$IDIOMBENCH_DISTRO_CACHE/roots")" ] || fail "a root was left" "$(ls -A "$IDIOMBENCH_DISTRO_CACHE/roots")"
    ! grep -q "$SANDBOX" /proc/mounts || fail "a mount was left"
}
