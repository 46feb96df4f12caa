#!/usr/bin/env bats
# tools/find-pythons: which interpreters it finds, in what order, and what it drops.
#
# Each test builds a fake machine under $SANDBOX: fake interpreters are sh scripts that
# answer find-pythons' one question ("MAJOR MINOR MICRO IMPLEMENTATION REALPATH") and
# log each call, and find-pythons runs with a PATH of fake folders and a folder of the
# few tools it needs, no pyenv command, HOME in the sandbox, and the system folders it
# is told (IDIOMBENCH_SYSTEM_BIN). The last tests look at this machine's interpreters.

load helper

setup() {
    make_sandbox
    SANDBOX=$(cd -P "$SANDBOX" && pwd) # fakes report real paths: no link in them
    CALLS=$SANDBOX/calls.log
    : >"$CALLS"
    mkdir -p "$SANDBOX/tools" "$SANDBOX/home"
    # The commands find-pythons needs, and no interpreter of this machine.
    local tool
    for tool in sort sed; do
        ln -s "$(command -v "$tool")" "$SANDBOX/tools/$tool"
    done
    FAKE_PATH='' FAKE_PYENV_ROOT='' FAKE_SYSTEM_BIN=''
}

# fake_python FILE VERSION [IMPLEMENTATION [REALPATH]]: an executable sh script at FILE
# that answers find-pythons' query as Python VERSION (X.Y.Z), IMPLEMENTATION (default
# cpython), whose sys.executable is REALPATH (default FILE), and refuses anything else.
fake_python() {
    local file=$1 version=$2 impl=${3:-cpython} real=${4:-$1} major minor micro
    IFS=. read -r major minor micro <<<"$version"
    mkdir -p "${file%/*}"
    cat >"$file" <<EOF
#!/bin/sh
# A fake $impl $version for tools/find-pythons.
echo "\$0" >>'$CALLS'
[ "\$#" -eq 4 ] && [ "\$1 \$2 \$3" = "-E -S -c" ] ||
    { echo "fake python: unexpected arguments: \$*" >&2; exit 2; }
case \$4 in
    *version_info*implementation*realpath*) echo '$major $minor $micro $impl $real' ;;
    *) echo "fake python: unexpected program: \$4" >&2; exit 2 ;;
esac
EOF
    chmod +x "$file"
}

# fake_script FILE BODY: an executable sh script at FILE that logs its call, then BODY.
fake_script() {
    mkdir -p "${1%/*}"
    printf '#!/bin/sh\necho "$0" >>%s\n%s\n' "'$CALLS'" "$2" >"$1"
    chmod +x "$1"
}

# fake_config FILE PREFIX [EXEC_PREFIX]: a python-config script answering --prefix and
# --exec-prefix (default PREFIX), one line per option, as python-config does.
fake_config() {
    fake_script "$1" "for option; do
    case \$option in
        --prefix) echo '$2' ;;
        --exec-prefix) echo '${3:-$2}' ;;
        *) echo \"fake config: unexpected option \$option\" >&2; exit 2 ;;
    esac
done"
}

# discover [ARGS...]: runs find-pythons on the fake machine: PATH is $FAKE_PATH and the
# tools, PYENV_ROOT is $FAKE_PYENV_ROOT (unset when empty), IDIOMBENCH_SYSTEM_BIN is
# $FAKE_SYSTEM_BIN (empty: no system folder).
discover() {
    local settings=(HOME="$SANDBOX/home" PATH="${FAKE_PATH:+$FAKE_PATH:}$SANDBOX/tools"
        IDIOMBENCH_SYSTEM_BIN="$FAKE_SYSTEM_BIN")
    [ -z "$FAKE_PYENV_ROOT" ] || settings+=(PYENV_ROOT="$FAKE_PYENV_ROOT")
    env -u PYENV_ROOT -u PYENV_VERSION "${settings[@]}" "$REPO_ROOT/tools/find-pythons" "$@"
}

# assert_found PATH...: the last run succeeded and printed exactly these lines, and
# nothing on stderr.
assert_found() {
    local want
    want=$(printf '%s\n' "$@")
    assert_status 0
    [ "$output" = "$want" ] ||
        fail "find-pythons found other interpreters" "--- expected:" "$want" "--- got:" "$output" \
            "--- stderr:" "${stderr:-}"
    [ -z "${stderr:-}" ] || fail "find-pythons wrote on stderr" "$stderr"
}

# asked FILE: how many times FILE was run.
asked() {
    grep -cxF "$1" "$CALLS" || true
}

# --- where it looks ---

@test "PATH: pythonX.Y, python3 and python are found, each once" {
    fake_python "$SANDBOX/a/python3.12" 3.12.1
    fake_python "$SANDBOX/b/python3" 3.11.7
    fake_python "$SANDBOX/c d/python" 3.10.13
    fake_script "$SANDBOX/a/python3.12-gdb.py" 'exit 1'
    FAKE_PATH="$SANDBOX/a:$SANDBOX/b:$SANDBOX/c d"
    run --separate-stderr discover
    assert_found "$SANDBOX/c d/python" "$SANDBOX/b/python3" "$SANDBOX/a/python3.12"
    [ "$(wc -l <"$CALLS")" -eq 3 ] || fail "expected 3 interpreters run once each" "$(cat "$CALLS")"
}

@test "pyenv: every version under \$PYENV_ROOT, without a pyenv command" {
    local root=$SANDBOX/pyenv version
    for version in 3.9.18 3.10.13 3.13.0; do
        fake_python "$root/versions/$version/bin/python${version%.*}" "$version"
        ln -s "python${version%.*}" "$root/versions/$version/bin/python3"
        ln -s python3 "$root/versions/$version/bin/python"
    done
    FAKE_PYENV_ROOT=$root
    ! PATH=$SANDBOX/tools command -v pyenv >/dev/null || fail "pyenv is on the test's PATH"
    run --separate-stderr discover
    assert_found "$root/versions/3.9.18/bin/python3.9" "$root/versions/3.10.13/bin/python3.10" \
        "$root/versions/3.13.0/bin/python3.13"
    # Links to a file already asked are not run again.
    [ "$(wc -l <"$CALLS")" -eq 3 ] || fail "expected 3 runs, one per version" "$(cat "$CALLS")"
}

@test "pyenv: \`pyenv root\` when pyenv is a command, else ~/.pyenv" {
    local root=$SANDBOX/elsewhere
    fake_python "$root/versions/3.12.1/bin/python3.12" 3.12.1
    fake_script "$SANDBOX/pyenv-bin/pyenv" "[ \"\$1\" = root ] && echo '$root'"
    FAKE_PATH=$SANDBOX/pyenv-bin
    run --separate-stderr discover
    assert_found "$root/versions/3.12.1/bin/python3.12"

    FAKE_PATH=''
    fake_python "$SANDBOX/home/.pyenv/versions/3.11.7/bin/python3.11" 3.11.7
    run --separate-stderr discover
    assert_found "$SANDBOX/home/.pyenv/versions/3.11.7/bin/python3.11"
}

@test "pyenv: the shims folder on PATH is never run, the versions are read directly" {
    local root=$SANDBOX/pyenv
    fake_python "$root/versions/3.12.1/bin/python3.12" 3.12.1
    fake_python "$root/shims/python3.12" 3.12.1 cpython "$root/versions/3.12.1/bin/python3.12"
    fake_python "$root/shims/python3" 3.12.1 cpython "$root/versions/3.12.1/bin/python3.12"
    fake_config "$root/shims/python3.12-config" "$root/versions/3.12.1"
    FAKE_PYENV_ROOT=$root FAKE_PATH=$root/shims
    run --separate-stderr discover
    assert_found "$root/versions/3.12.1/bin/python3.12"
    ! grep -F "$root/shims" "$CALLS" || fail "a shim was run"
}

@test "python3.X-config on PATH names a prefix outside PATH" {
    fake_python "$SANDBOX/opt/python-3.13/bin/python3.13" 3.13.0
    fake_config "$SANDBOX/config-bin/python3.13-config" "$SANDBOX/opt/python-3.13"
    # --exec-prefix differs from --prefix: both are looked in.
    fake_python "$SANDBOX/opt/arch/bin/python3.8" 3.8.18
    fake_config "$SANDBOX/config-bin/python3-config" "$SANDBOX/opt/share" "$SANDBOX/opt/arch"
    # A config whose prefix has no bin/, and one that fails, are passed over.
    fake_config "$SANDBOX/config-bin/python3.7-config" "$SANDBOX/nowhere"
    fake_script "$SANDBOX/config-bin/python3.6-config" 'exit 1'
    # A config beside its own interpreter is not asked: its prefix is already looked in.
    fake_python "$SANDBOX/bin/python3.11" 3.11.7
    fake_config "$SANDBOX/bin/python3.11-config" "$SANDBOX"
    FAKE_PATH="$SANDBOX/config-bin:$SANDBOX/bin"
    run --separate-stderr discover
    assert_found "$SANDBOX/opt/arch/bin/python3.8" "$SANDBOX/bin/python3.11" \
        "$SANDBOX/opt/python-3.13/bin/python3.13"
    [ "$(asked "$SANDBOX/bin/python3.11-config")" -eq 0 ] || fail "python3.11-config was asked"
}

@test "system folders: IDIOMBENCH_SYSTEM_BIN, space-separated" {
    fake_python "$SANDBOX/sys1/python3.11" 3.11.2
    fake_python "$SANDBOX/sys2/python3.9" 3.9.2
    fake_python "$SANDBOX/not-listed/python3.12" 3.12.1
    FAKE_SYSTEM_BIN="$SANDBOX/sys1 $SANDBOX/missing $SANDBOX/sys2"
    run --separate-stderr discover
    assert_found "$SANDBOX/sys2/python3.9" "$SANDBOX/sys1/python3.11"
}

# --- what it drops, what it counts once ---

@test "links, linked folders and repeated folders: one interpreter, counted and run once" {
    fake_python "$SANDBOX/real/python3.12" 3.12.1
    ln -s python3.12 "$SANDBOX/real/python3"
    mkdir -p "$SANDBOX/links"
    ln -s ../real/python3.12 "$SANDBOX/links/python3.12"
    ln -s real "$SANDBOX/linked-folder"
    # A launcher that is another file but the same interpreter (sys.executable's real
    # path): run, and counted once.
    fake_python "$SANDBOX/venv/bin/python" 3.12.1 cpython "$SANDBOX/real/python3.12"
    FAKE_PATH="$SANDBOX/real:$SANDBOX/links:$SANDBOX/linked-folder:$SANDBOX/venv/bin:$SANDBOX/real"
    FAKE_SYSTEM_BIN="$SANDBOX/real $SANDBOX/links"
    run --separate-stderr discover
    assert_found "$SANDBOX/real/python3.12"
    [ "$(asked "$SANDBOX/real/python3.12")" -eq 1 ] && [ "$(wc -l <"$CALLS")" -eq 2 ] ||
        fail "expected python3.12 and the launcher to run once each" "$(cat "$CALLS")"
}

@test "broken links, failing shims, non-Pythons and PyPy are dropped silently" {
    local bin=$SANDBOX/bin
    fake_python "$bin/python3.12" 3.12.1
    ln -s "$SANDBOX/gone/python3.11" "$bin/python3.11"
    fake_script "$bin/python3.10" 'echo "pyenv: python3.10: command not found" >&2; exit 127'
    fake_script "$bin/python3.9" 'echo "hello"'
    fake_script "$bin/python2" 'echo "2 7"'
    mkdir -p "$bin/python3.8"
    printf '#!/bin/sh\necho "3 8 0 cpython %s"\n' "$bin/python3.7" >"$bin/python3.7" # not executable
    fake_python "$SANDBOX/pypy/bin/python3" 3.10.14 pypy
    fake_python "$SANDBOX/pypy/bin/python3.9" 3.9.19 pypy
    FAKE_PATH="$bin:$SANDBOX/pypy/bin"
    run --separate-stderr discover --all
    assert_found "$bin/python3.12"
}

@test "a query it does not recognise fails the fakes (they answer exactly find-pythons' question)" {
    fake_python "$SANDBOX/bin/python3.12" 3.12.1
    run "$SANDBOX/bin/python3.12" -c 'print(1)'
    [ "$status" -ne 0 ] || fail "the fake answered a query that is not find-pythons'" "$output"
    # And find-pythons asks the question the fakes expect.
    FAKE_PATH=$SANDBOX/bin
    run --separate-stderr discover
    assert_found "$SANDBOX/bin/python3.12"
}

# --- order and versions ---

@test "oldest first by major, minor, micro, then path: 3.9 < 3.10 < 3.13" {
    fake_python "$SANDBOX/p1/python3.13" 3.13.0
    fake_python "$SANDBOX/p2/python3.10" 3.10.13
    fake_python "$SANDBOX/p3/python3.9" 3.9.18
    fake_python "$SANDBOX/p4/python3.10" 3.10.2
    fake_python "$SANDBOX/p5/b/python3.12" 3.12.1
    fake_python "$SANDBOX/p5/a/python3.12" 3.12.1
    fake_python "$SANDBOX/p6/python4.0" 4.0.0 # not a name it looks for
    FAKE_PATH="$SANDBOX/p1:$SANDBOX/p5/b:$SANDBOX/p2:$SANDBOX/p3:$SANDBOX/p5/a:$SANDBOX/p4:$SANDBOX/p6"
    run --separate-stderr discover
    assert_found "$SANDBOX/p3/python3.9" "$SANDBOX/p4/python3.10" "$SANDBOX/p2/python3.10" \
        "$SANDBOX/p5/a/python3.12" "$SANDBOX/p5/b/python3.12" "$SANDBOX/p1/python3.13"
}

@test "--all lists 2.7 to 3.5 too; the default only 3.6 and newer; older than 2.7 never" {
    fake_python "$SANDBOX/bin/python2.7" 2.7.18
    fake_python "$SANDBOX/bin/python2.6" 2.6.9
    fake_python "$SANDBOX/bin/python3.5" 3.5.10
    fake_python "$SANDBOX/bin/python3.6" 3.6.15
    fake_python "$SANDBOX/bin/python3.12" 3.12.1
    FAKE_PATH=$SANDBOX/bin
    run --separate-stderr discover
    assert_found "$SANDBOX/bin/python3.6" "$SANDBOX/bin/python3.12"
    run --separate-stderr discover --all
    assert_found "$SANDBOX/bin/python2.7" "$SANDBOX/bin/python3.5" "$SANDBOX/bin/python3.6" \
        "$SANDBOX/bin/python3.12"
}

# --- options ---

@test "nothing found: no output and exit 0; with --require exit 3 and one clear line" {
    fake_script "$SANDBOX/bin/python3.12" 'exit 1'
    FAKE_PATH=$SANDBOX/bin
    run --separate-stderr discover --all
    assert_found

    run --separate-stderr discover --all --require
    assert_status 3
    [ -z "$output" ] || fail "--require printed on stdout" "$output"
    assert_one_clear_line
    [ "$stderr" = "idiombench: no CPython found on PATH, under pyenv root or in /usr/bin; install one or name it with PYTHONS=..." ] ||
        fail "unexpected message" "$stderr"

    # Without --all, a 2.7 alone is not enough, and the line says which versions.
    fake_python "$SANDBOX/bin/python2.7" 2.7.18
    run --separate-stderr discover --require
    assert_status 3
    assert_one_clear_line "no CPython 3.6 or newer found" "PYTHONS="
    run --separate-stderr discover --require --all
    assert_found "$SANDBOX/bin/python2.7"
}

@test "--verbose: each candidate and why on stderr; stdout unchanged" {
    fake_python "$SANDBOX/bin/python3.12" 3.12.1
    ln -s python3.12 "$SANDBOX/bin/python3"
    fake_python "$SANDBOX/bin/python2.7" 2.7.18
    fake_python "$SANDBOX/bin/python3.10" 3.10.14 pypy
    fake_script "$SANDBOX/bin/python3.11" 'exit 127'
    ln -s "$SANDBOX/gone" "$SANDBOX/bin/python3.9"
    FAKE_PATH=$SANDBOX/bin
    run --separate-stderr discover --verbose
    assert_status 0
    [ "$output" = "$SANDBOX/bin/python3.12" ] || fail "stdout differs under --verbose" "$output"
    local expected
    for expected in \
        "$SANDBOX/bin/python3.12 (PATH): cpython 3.12.1 at $SANDBOX/bin/python3.12: kept" \
        "$SANDBOX/bin/python3 (PATH): dropped: same file as $SANDBOX/bin/python3.12" \
        "$SANDBOX/bin/python2.7 (PATH): cpython 2.7.18 at $SANDBOX/bin/python2.7: dropped: older than 3.6" \
        "$SANDBOX/bin/python3.10 (PATH): pypy 3.10.14 at $SANDBOX/bin/python3.10: dropped: not CPython" \
        "$SANDBOX/bin/python3.11 (PATH): dropped: does not run (exit status 127)" \
        "$SANDBOX/bin/python3.9 (PATH): dropped: broken link"; do
        grep -qF "find-pythons: $expected" <<<"$stderr" || fail "no verbose line '$expected'" "$stderr"
    done
}

@test "an unknown option: exit 2 and one clear line" {
    run --separate-stderr discover --bogus
    assert_status 2
    assert_one_clear_line "unknown option '--bogus'" "--all"
    [ -z "$output" ] || fail "printed on stdout" "$output"
}

# --- this machine ---

@test "this machine: --all finds at least one interpreter, each an executable that runs" {
    run --separate-stderr "$REPO_ROOT/tools/find-pythons" --all --require
    assert_status 0
    [ -n "$output" ] || fail "no interpreter found on this machine"
    local python
    while IFS= read -r python; do
        case $python in /*) ;; *) fail "'$python' is not an absolute path" ;; esac
        [ -f "$python" ] && [ -x "$python" ] || fail "'$python' is not an executable file"
        "$python" -c 'import sys' || fail "'$python' does not run"
    done <<<"$output"
    [ "$(sort <<<"$output" | uniq -d)" = "" ] || fail "an interpreter is listed twice" "$output"
    # The default list is the 3.6+ part of it, in the same order.
    local all=$output
    run --separate-stderr "$REPO_ROOT/tools/find-pythons"
    assert_status 0
    [ "$(grep -vxF -f <(echo "$all") <<<"$output" || true)" = "" ] ||
        fail "the default list has interpreters --all does not" "$output" "--- --all:" "$all"
}

@test "this machine: the system folders default to /usr/local/bin and /usr/bin" {
    run --separate-stderr env -u PYENV_ROOT -u IDIOMBENCH_SYSTEM_BIN HOME="$SANDBOX/home" \
        PATH="$SANDBOX/tools" "$REPO_ROOT/tools/find-pythons" --all --verbose
    assert_status 0
    local dir
    for dir in /usr/local/bin /usr/bin; do
        [ -d "$dir" ] || continue
        grep -qxF "find-pythons: looking in $dir (system)" <<<"$stderr" ||
            fail "find-pythons did not look in $dir" "$stderr"
    done
}
