#!/usr/bin/env bats
# bin/find-pythons: which interpreters it finds, in what order, and what it drops;
# then how bin/pyconfig resolves a version through it and labels a free-threaded
# build, and the order of labels (py/idiombench/run/labels.py).
#
# Each test builds a fake machine under $SANDBOX: fake interpreters are sh scripts that
# answer find-pythons' one question ("MAJOR MINOR MICRO IMPLEMENTATION FREE_THREADED
# REALPATH") and log each call, and find-pythons runs with a PATH of fake folders and a
# folder of the few tools it needs, no pyenv command, HOME in the sandbox, none of the
# version managers' or conda's variables unless a test sets them, and the system folders
# it is told (IDIOMBENCH_SYSTEM_BIN). The "this machine" tests look at this machine's
# interpreters, whichever and however many it has.

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
    FAKE_ENV=()
}

# fake_python FILE VERSION [IMPLEMENTATION [REALPATH]]: an executable sh script at FILE
# that answers find-pythons' query (as FILE -E -S -c QUERY) as Python VERSION (X.Y.Z;
# X.Y.Zt for a free-threaded build), IMPLEMENTATION (default cpython), whose
# sys.executable is REALPATH (default FILE); bin/pyconfig's question (FILE -c CODE) as
# the installation two folders above FILE (see fake_embeddable); and nothing else.
fake_python() {
    local file=$1 version=${2%t} impl=${3:-cpython} real=${4:-$1} major minor micro ft=0 t=''
    [ "$2" = "$version" ] || ft=1 t=t
    IFS=. read -r major minor micro <<<"$version"
    local prefix=${file%/*/*} lib=libpython$major.$minor$t.so include=python$major.$minor$t
    mkdir -p "${file%/*}"
    cat >"$file" <<EOF
#!/bin/sh
# A fake $impl $version for bin/find-pythons.
echo "\$0" >>'$CALLS'
case \$#:\$1:\${2:-}:\${3:-}:\${4:-} in
    4:-E:-S:-c:*version_info*implementation*Py_GIL_DISABLED*realpath*)
        echo '$major $minor $micro $impl $ft $real' ;;
    2:-c:*LDLIBRARY*INCLUDEPY*)
        printf '%s\\n' '$real' '$2' '$prefix/lib' '$prefix/lib' '$lib' '$prefix/include/$include' ;;
    *) echo "fake python: unexpected call: \$*" >&2; exit 2 ;;
esac
EOF
    chmod +x "$file"
}

# fake_embeddable FILE VERSION: fake_python FILE VERSION, with what bin/pyconfig needs
# to embed it: Python.h, libpython and FILE-config (--cflags, --ldflags).
fake_embeddable() {
    local prefix=${1%/*/*} name=python${2%.*} t=''
    case $2 in *t) t=t ;; esac
    fake_python "$1" "$2"
    mkdir -p "$prefix/include/$name$t" "$prefix/lib"
    : >"$prefix/include/$name$t/Python.h"
    : >"$prefix/lib/lib$name$t.so"
    fake_script "$1-config" "case \$* in
    --cflags) echo '-I$prefix/include' ;;
    *--ldflags) echo '-L$prefix/lib' ;;
    *) exit 2 ;;
esac"
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

# The variables that tell find-pythons where version managers and conda keep their
# interpreters: unset on the fake machine unless a test sets them in FAKE_ENV.
MANAGER_VARIABLES=(PYENV_ROOT PYENV_VERSION XDG_DATA_HOME UV_PYTHON_INSTALL_DIR
    MISE_DATA_DIR MISE_INSTALLS_DIR ASDF_DATA_DIR CONDA_PREFIX CONDA_EXE MAMBA_ROOT_PREFIX)

# on_fake_machine COMMAND [ARGS...]: runs COMMAND on the fake machine: PATH is
# $FAKE_PATH and the tools, PYENV_ROOT is $FAKE_PYENV_ROOT (unset when empty),
# IDIOMBENCH_SYSTEM_BIN is $FAKE_SYSTEM_BIN (empty: no system folder), plus the
# NAME=VALUE settings of the array FAKE_ENV.
on_fake_machine() {
    local settings=(HOME="$SANDBOX/home" PATH="${FAKE_PATH:+$FAKE_PATH:}$SANDBOX/tools"
        IDIOMBENCH_SYSTEM_BIN="$FAKE_SYSTEM_BIN") unset=() name
    [ -z "$FAKE_PYENV_ROOT" ] || settings+=(PYENV_ROOT="$FAKE_PYENV_ROOT")
    for name in "${MANAGER_VARIABLES[@]}"; do unset+=(-u "$name"); done
    env "${unset[@]}" "${settings[@]}" ${FAKE_ENV[@]+"${FAKE_ENV[@]}"} "$@"
}

# discover [ARGS...]: runs find-pythons on the fake machine.
discover() {
    on_fake_machine "$REPO_ROOT/bin/find-pythons" "$@"
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

@test "system folders: Debian's python3.X of any minor (3.15) and free-threaded python3.Xt" {
    local sys=$SANDBOX/usr/bin
    fake_python "$sys/python3.11" 3.11.2
    ln -s python3.11 "$sys/python3"
    fake_python "$sys/python3.15" 3.15.0
    fake_python "$sys/python3.14t" 3.14.0t
    FAKE_SYSTEM_BIN=$sys
    run --separate-stderr discover
    assert_found "$sys/python3.11" "$sys/python3.14t" "$sys/python3.15"
}

@test "uv: cpython-*/bin under \$UV_PYTHON_INSTALL_DIR, else \$XDG_DATA_HOME/uv/python, else ~/.local/share" {
    local dir=$SANDBOX/uv-pythons
    fake_python "$dir/cpython-3.13.1-linux-x86_64-gnu/bin/python3.13" 3.13.1
    ln -s python3.13 "$dir/cpython-3.13.1-linux-x86_64-gnu/bin/python3"
    fake_python "$dir/cpython-3.9.21-linux-x86_64-gnu/bin/python3.9" 3.9.21
    # uv's link to the newest patch of a minor: the same folder, looked in once.
    ln -s cpython-3.13.1-linux-x86_64-gnu "$dir/cpython-3.13-linux-x86_64-gnu"
    # Not CPython: not even run.
    fake_python "$dir/pypy-3.10.14-linux-x86_64-gnu/bin/python3.10" 3.10.14 pypy
    FAKE_ENV=(UV_PYTHON_INSTALL_DIR="$dir")
    run --separate-stderr discover
    assert_found "$dir/cpython-3.9.21-linux-x86_64-gnu/bin/python3.9" \
        "$dir/cpython-3.13.1-linux-x86_64-gnu/bin/python3.13"
    [ "$(wc -l <"$CALLS")" -eq 2 ] || fail "expected 2 runs, one per CPython" "$(cat "$CALLS")"

    local data=$SANDBOX/data
    fake_python "$data/uv/python/cpython-3.12.8-linux-x86_64-gnu/bin/python3.12" 3.12.8
    FAKE_ENV=(XDG_DATA_HOME="$data")
    run --separate-stderr discover
    assert_found "$data/uv/python/cpython-3.12.8-linux-x86_64-gnu/bin/python3.12"

    local home=$SANDBOX/home/.local/share/uv/python
    fake_python "$home/cpython-3.11.11-linux-x86_64-gnu/bin/python3.11" 3.11.11
    FAKE_ENV=()
    run --separate-stderr discover
    assert_found "$home/cpython-3.11.11-linux-x86_64-gnu/bin/python3.11"
}

@test "uv: a free-threaded install's python3.14t, beside the default build of 3.14" {
    local dir=$SANDBOX/home/.local/share/uv/python
    local ft=$dir/cpython-3.14.0+freethreaded-linux-x86_64-gnu/bin
    fake_python "$dir/cpython-3.14.0-linux-x86_64-gnu/bin/python3.14" 3.14.0
    fake_python "$ft/python3.14t" 3.14.0t
    ln -s python3.14t "$ft/python3"
    run --separate-stderr discover
    assert_found "$dir/cpython-3.14.0-linux-x86_64-gnu/bin/python3.14" "$ft/python3.14t"
    run --separate-stderr discover --versions
    assert_found "3.14.0 $dir/cpython-3.14.0-linux-x86_64-gnu/bin/python3.14" \
        "3.14.0t $ft/python3.14t"
}

# assert_installs_read MANAGER VARIABLE INSTALLS: with VARIABLE set to a data folder
# whose INSTALLS/3.12.8/bin holds a Python and whose shims/ (first on PATH) holds
# MANAGER's shims of it, that Python is found and no shim is run.
assert_installs_read() {
    local data=$SANDBOX/$1-data
    local python=$data/$3/3.12.8/bin/python3.12
    fake_python "$python" 3.12.8
    ln -s 3.12.8 "$data/$3/3.12"
    fake_python "$data/shims/python3.12" 3.12.8 cpython "$python"
    ln -s python3.12 "$data/shims/python3"
    FAKE_ENV=("$2=$data") FAKE_PATH=$data/shims
    run --separate-stderr discover
    FAKE_ENV=() FAKE_PATH=''
    assert_found "$python" || return 1
    if grep -F "$data/shims" "$CALLS"; then
        fail "a $1 shim was run"
        return 1
    fi
}

@test "mise: python/*/bin under \$MISE_INSTALLS_DIR, else \$MISE_DATA_DIR/installs, else ~/.local/share/mise; its shims never run" {
    assert_installs_read mise MISE_DATA_DIR installs/python

    fake_python "$SANDBOX/installs/python/3.10.16/bin/python3.10" 3.10.16
    FAKE_ENV=(MISE_INSTALLS_DIR="$SANDBOX/installs") FAKE_PATH=''
    run --separate-stderr discover
    assert_found "$SANDBOX/installs/python/3.10.16/bin/python3.10"

    local home=$SANDBOX/home/.local/share/mise/installs/python
    fake_python "$home/3.11.11/bin/python3.11" 3.11.11
    FAKE_ENV=()
    run --separate-stderr discover
    assert_found "$home/3.11.11/bin/python3.11"
}

@test "asdf: installs/python/*/bin under \$ASDF_DATA_DIR, else ~/.asdf; its shims never run" {
    assert_installs_read asdf ASDF_DATA_DIR installs/python

    fake_python "$SANDBOX/home/.asdf/installs/python/3.9.21/bin/python3.9" 3.9.21
    run --separate-stderr discover
    assert_found "$SANDBOX/home/.asdf/installs/python/3.9.21/bin/python3.9"
}

@test "conda: the active environment, \$CONDA_PREFIX/bin" {
    local env=$SANDBOX/somewhere/envs/bench
    fake_python "$env/bin/python3.12" 3.12.8
    ln -s python3.12 "$env/bin/python3"
    ln -s python3.12 "$env/bin/python"
    FAKE_ENV=(CONDA_PREFIX="$env")
    run --separate-stderr discover
    assert_found "$env/bin/python3.12"
}

@test "conda: the base and envs/* of ~/miniconda3, ~/miniforge3, ~/mambaforge, ~/anaconda3, the root of \$CONDA_EXE, and ~/.conda/envs/*" {
    local home=$SANDBOX/home
    fake_python "$home/miniconda3/bin/python3.12" 3.12.8
    fake_python "$home/miniconda3/envs/old/bin/python3.8" 3.8.20
    fake_python "$home/miniforge3/envs/new/bin/python3.13" 3.13.1
    fake_python "$home/mambaforge/bin/python3.10" 3.10.16
    fake_python "$home/anaconda3/envs/a b/bin/python3" 3.11.11
    fake_python "$home/.conda/envs/mine/bin/python3.9" 3.9.21
    fake_python "$SANDBOX/opt/conda/bin/python3.7" 3.7.12
    FAKE_ENV=(CONDA_EXE="$SANDBOX/opt/conda/bin/conda")
    run --separate-stderr discover
    assert_found "$SANDBOX/opt/conda/bin/python3.7" "$home/miniconda3/envs/old/bin/python3.8" \
        "$home/.conda/envs/mine/bin/python3.9" "$home/mambaforge/bin/python3.10" \
        "$home/anaconda3/envs/a b/bin/python3" "$home/miniconda3/bin/python3.12" \
        "$home/miniforge3/envs/new/bin/python3.13"
}

@test "mamba: the base and envs/* of \$MAMBA_ROOT_PREFIX, ~/micromamba and \$XDG_DATA_HOME/mamba" {
    local root=$SANDBOX/mamba-root data=$SANDBOX/data
    fake_python "$root/envs/bench/bin/python3.12" 3.12.8
    fake_python "$SANDBOX/home/micromamba/envs/old/bin/python3.9" 3.9.21
    fake_python "$data/mamba/envs/ft/bin/python3.13t" 3.13.1t
    FAKE_ENV=(MAMBA_ROOT_PREFIX="$root" XDG_DATA_HOME="$data")
    run --separate-stderr discover
    assert_found "$SANDBOX/home/micromamba/envs/old/bin/python3.9" \
        "$root/envs/bench/bin/python3.12" "$data/mamba/envs/ft/bin/python3.13t"
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
    [ "$stderr" = "idiombench: no CPython found on PATH, in pyenv, uv, mise, asdf or conda installs or in /usr/bin; install one or name it with PYTHONS=..." ] ||
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

# --- bin/pyconfig: a version found where find-pythons looks; free-threaded labels ---

# pyconfig_on_fake_machine WANT: bin/pyconfig WANT on the fake machine (with the few
# more tools it needs), its assignments evaluated into PY_EXE and PY_VERSION.
pyconfig_on_fake_machine() {
    local tool
    for tool in dirname basename cksum cut tail; do
        [ -e "$SANDBOX/tools/$tool" ] || ln -s "$(command -v "$tool")" "$SANDBOX/tools/$tool"
    done
    PY_EXE='' PY_VERSION=''
    run --separate-stderr on_fake_machine "$REPO_ROOT/bin/pyconfig" "$1"
    [ "$status" -ne 0 ] || eval "$output"
}

@test "pyconfig: a version not on PATH is found where find-pythons looks (uv): the newest of it; 3.14t the free-threaded one" {
    local dir=$SANDBOX/home/.local/share/uv/python
    local old=$dir/cpython-3.13.0-linux-x86_64-gnu/bin/python3.13
    local new=$dir/cpython-3.13.1-linux-x86_64-gnu/bin/python3.13
    local gil=$dir/cpython-3.14.0-linux-x86_64-gnu/bin/python3.14
    local ft=$dir/cpython-3.14.0+freethreaded-linux-x86_64-gnu/bin/python3.14t
    fake_embeddable "$old" 3.13.0
    fake_embeddable "$new" 3.13.1
    fake_embeddable "$gil" 3.14.0
    fake_embeddable "$ft" 3.14.0t
    local want expected_exe expected_version
    while read -r want expected_exe expected_version; do
        pyconfig_on_fake_machine "$want"
        assert_status 0
        [ "$PY_EXE" = "${!expected_exe}" ] && [ "$PY_VERSION" = "$expected_version" ] ||
            fail "PYTHON=$want: expected $expected_version at ${!expected_exe}" "$output" "${stderr:-}"
    done <<'CASES'
3.13 new 3.13.1
python3.13 new 3.13.1
3.13.0 old 3.13.0
3.14 gil 3.14.0
3.14t ft 3.14.0t
python3.14t ft 3.14.0t
CASES
    pyconfig_on_fake_machine 3.12
    assert_status 2
    assert_one_clear_line "unknown Python '3.12'"
}

@test "pyconfig: a CPython whose Python.h includes <crypt.h> (up to 3.8) needs libcrypt-dev: named, exit 2" {
    local python=$SANDBOX/opt/py38/bin/python3.8 include=$SANDBOX/include
    fake_embeddable "$python" 3.8.18
    echo '#include <crypt.h>' >"$SANDBOX/opt/py38/include/python3.8/Python.h"
    local tool
    for tool in grep id sort tr sed; do
        [ -e "$SANDBOX/tools/$tool" ] || ln -s "$(command -v "$tool")" "$SANDBOX/tools/$tool"
    done
    mkdir -p "$include"
    FAKE_ENV=(IDIOMBENCH_INCLUDE_DIRS="$include" IDIOMBENCH_NO_INSTALL=1)
    pyconfig_on_fake_machine "$python"
    assert_status 2
    assert_one_clear_line "libcrypt-dev" "apt-get install libcrypt-dev"
    # With crypt.h there, the same interpreter is described.
    : >"$include/crypt.h"
    pyconfig_on_fake_machine "$python"
    assert_status 0
    [ "$PY_VERSION" = 3.8.18 ] || fail "PY_VERSION '$PY_VERSION'" "$output"
}

# --- labels ---

@test "labels: X.Y.Zt after X.Y.Z and its repeats, before X.Y.Z+1; a t label is a version; 3.14t names only 3.14.0t" {
    run --separate-stderr "$TEST_PYTHON" - "$REPO_ROOT/py" <<'PY'
import random, sys
sys.path.insert(0, sys.argv[1])
from idiombench.run.labels import free_threaded, label_key, names, version_tuple
ordered = ["2.7.18", "3.9.1", "3.13.0t", "3.14.0", "3.14.0#2", "3.14.0t", "3.14.0t#2",
           "3.14.0t#10", "3.14.1", "3.15.0t", "candidate"]
shuffled = ordered[:]
random.Random(7).shuffle(shuffled)
assert sorted(shuffled, key=label_key) == ordered, sorted(shuffled, key=label_key)
assert version_tuple("3.14.0t") == version_tuple("3.14.0t#2") == (3, 14, 0)
assert [free_threaded(label) for label in ("3.14.0t", "3.14.0t#2", "3.14.0", "3.14.0#2")] \
    == [True, True, False, False]
assert [label for label in ordered if names("3.14", label)] == ["3.14.0", "3.14.1"]
assert [label for label in ordered if names("3.14t", label)] == ["3.14.0t"]
assert [label for label in ordered if names("3.14.0t", label)] == ["3.14.0t"]
assert [label for label in ordered if names("3", label)] == ["3.9.1", "3.14.0", "3.14.1"]
PY
    assert_status 0
    [ -z "$stderr" ] || fail "stderr" "$stderr"
}

# --- this machine ---

@test "this machine: --all finds at least one interpreter, each an executable that runs" {
    run --separate-stderr "$REPO_ROOT/bin/find-pythons" --all --require
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
    run --separate-stderr "$REPO_ROOT/bin/find-pythons"
    assert_status 0
    [ "$(grep -vxF -f <(echo "$all") <<<"$output" || true)" = "" ] ||
        fail "the default list has interpreters --all does not" "$output" "--- --all:" "$all"
}

@test "this machine: the system folders default to /usr/local/bin and /usr/bin" {
    run --separate-stderr env -u PYENV_ROOT -u IDIOMBENCH_SYSTEM_BIN HOME="$SANDBOX/home" \
        PATH="$SANDBOX/tools" "$REPO_ROOT/bin/find-pythons" --all --verbose
    assert_status 0
    local dir
    for dir in /usr/local/bin /usr/bin; do
        [ -d "$dir" ] || continue
        grep -qxF "find-pythons: looking in $dir (system)" <<<"$stderr" ||
            fail "find-pythons did not look in $dir" "$stderr"
    done
}

# free_threaded_python FILE: a script at FILE that is $TEST_PYTHON with sysconfig's
# Py_GIL_DISABLED 1, as a free-threaded build's, for bin/pyconfig's question (-c CODE).
free_threaded_python() {
    local python
    python=$(command -v "$TEST_PYTHON")
    mkdir -p "${1%/*}"
    cat >"$1" <<EOF2
#!/bin/sh
[ "\$1" = -c ] || exit 2
exec '$python' -c 'import sys, sysconfig
get = sysconfig.get_config_var
sysconfig.get_config_var = lambda name: 1 if name == "Py_GIL_DISABLED" else get(name)
exec(sys.argv.pop(1))' "\$2"
EOF2
    chmod +x "$1"
}

@test "this machine: pyconfig gives a free-threaded build (Py_GIL_DISABLED 1) PY_VERSION X.Y.Zt and a PY_TAG of its own" {
    local default
    default=$("$REPO_ROOT/bin/pyconfig" "$TEST_PYTHON" 2>&1) ||
        skip "bin/pyconfig cannot describe $TEST_PYTHON here: $default"
    free_threaded_python "$SANDBOX/ft/python"
    run --separate-stderr "$REPO_ROOT/bin/pyconfig" "$SANDBOX/ft/python"
    assert_status 0
    local exe version tag ft_exe ft_version ft_tag
    exe=$(eval "$default" && echo "$PY_EXE") version=$(eval "$default" && echo "$PY_VERSION")
    tag=$(eval "$default" && echo "$PY_TAG")
    ft_exe=$(eval "$output" && echo "$PY_EXE") ft_version=$(eval "$output" && echo "$PY_VERSION")
    ft_tag=$(eval "$output" && echo "$PY_TAG")
    [ "$ft_exe" = "$exe" ] || fail "not the same interpreter: $ft_exe, $exe"
    [ "$ft_version" = "${version}t" ] || fail "PY_VERSION '$ft_version', expected '${version}t'"
    [ "$ft_tag" != "$tag" ] && [ "${ft_tag#cpython-"${version}"t-}" != "$ft_tag" ] ||
        fail "PY_TAG '$ft_tag' is not one of its own (the default build's: '$tag')"
}

@test "this machine: interpreters labels one version's default and free-threaded builds X.Y.Z and X.Y.Zt; BASELINE X.Yt names the latter" {
    "$REPO_ROOT/bin/pyconfig" "$TEST_PYTHON" >/dev/null 2>&1 ||
        skip "bin/pyconfig cannot describe $TEST_PYTHON here"
    free_threaded_python "$SANDBOX/ft/python"
    run --separate-stderr "$TEST_PYTHON" - "$REPO_ROOT/py" "$SANDBOX/ft/python" "$TEST_PYTHON" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from idiombench.measure import interpreters
chosen, unusable = interpreters.resolve(sys.argv[2:])
labels = [it.label for it in chosen]
assert not unusable, unusable
version = chosen[0].version
assert labels == [version, version + "t"], labels
minor = ".".join(version.split(".")[:2])
assert interpreters.choose_baseline(chosen, minor + "t") == version + "t"
assert interpreters.choose_baseline(chosen, minor) == version
assert interpreters.choose_baseline(chosen, "") == version
print(" ".join(labels))
PY
    assert_status 0
}
