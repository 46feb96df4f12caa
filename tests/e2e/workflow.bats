#!/usr/bin/env bats
# The GitHub Actions workflow (.github/workflows/idiombench.yml): valid for GitHub, its
# make targets real, and each of its commands one the README gives a user, as typed.

load helper

WORKFLOW=$REPO_ROOT/.github/workflows/idiombench.yml
# The job the README's "Running on GitHub Actions" shows: the image its commands name
# where the workflow's have the matrix's.
EXAMPLE_OS=ubuntu-24.04

# The workflow's `run:` commands, one a line, as the README's example job runs them: the
# matrix's os read as $EXAMPLE_OS, its list of versions (`- pythons: [...]`, in every
# job) joined with blanks, as the workflow joins it. Fails on a command the README could
# not show as a line: a block (`run: |`), or an expression other than those two.
workflow_commands() {
    awk -v os="$EXAMPLE_OS" '
        function replace(text, from, to,    k) {
            while ((k = index(text, from)) > 0)
                text = substr(text, 1, k - 1) to substr(text, k + length(from))
            return text
        }
        /^[ \t]*- pythons:[ \t]*\[/ {
            list = $0
            sub(/^[^[]*\[/, "", list)
            sub(/\].*$/, "", list)
            gsub(/[",]/, " ", list)
            n = split(list, version, " ")
            pythons = version[1]
            for (i = 2; i <= n; i++)
                pythons = pythons " " version[i]
        }
        /^[ \t]*(- )?run:/ {
            command = $0
            sub(/^[ \t]*(- )?run:[ \t]*/, "", command)
            if (command ~ /^[|>]/ || command == "") {
                print FILENAME ":" FNR ": a block, not one command line" > "/dev/stderr"
                bad = 1
                next
            }
            command = replace(command, "${{ matrix.os }}", os)
            # (\047 is a single quote.)
            if (pythons != "")
                command = replace(command, "${{ join(matrix.pythons, \047 \047) }}", pythons)
            if (index(command, "${{") > 0) {
                print FILENAME ":" FNR ": an expression the test does not know: " command > "/dev/stderr"
                bad = 1
                next
            }
            print command
        }
        END { exit bad }
    ' "$WORKFLOW"
}

# The README's section "Running on GitHub Actions": its code lines, unindented.
readme_section_commands() {
    awk '
        /^## / { inside = ($0 == "## Running on GitHub Actions") }
        inside && /^    / { print substr($0, 5) }
    ' "$REPO_ROOT/README.md"
}

# The targets `make help` lists.
make_targets() {
    make --no-print-directory -C "$REPO_ROOT" help |
        awk '/^targets:/ { inside = 1; next } /^$/ { inside = 0 } inside { print $1 }'
}

@test "the workflow is valid for GitHub Actions (action-validator, its JSON schemas)" {
    if ! command -v action-validator >/dev/null; then
        # .ci/run installs it and sets IDIOMBENCH_CI: there it must be found.
        [ -z "${IDIOMBENCH_CI:-}" ] ||
            fail "action-validator is not installed, though .ci/run installs it"
        skip "no action-validator (apt-get install nodejs npm; npm install -g @action-validator/cli)"
    fi
    run action-validator "$WORKFLOW"
    assert_status 0
}

@test "every make target the workflow runs is one make help lists" {
    local commands targets target unknown=""
    commands=$(workflow_commands) || fail "the workflow's run: lines cannot be read"
    targets=$(make_targets)
    [ -n "$targets" ] || fail "make help listed no target"
    for target in $(printf '%s\n' "$commands" | grep -o 'make [a-z][a-z-]*' | cut -d' ' -f2); do
        printf '%s\n' "$targets" | grep -qFx "$target" || unknown="$unknown $target"
    done
    [ -z "$unknown" ] || fail "the workflow runs targets make help does not list:$unknown"
    # The three it is for: were none found, this test would check nothing.
    for target in compare merge report; do
        assert_contains "$commands" "make $target "
    done
}

@test "every command the workflow runs is a line of the README's Running on GitHub Actions" {
    local commands readme command missing=""
    commands=$(workflow_commands) || fail "the workflow's run: lines cannot be read"
    [ -n "$commands" ] || fail "no run: line found in $WORKFLOW"
    readme=$(readme_section_commands)
    [ -n "$readme" ] || fail "README.md has no commands under '## Running on GitHub Actions'"
    while IFS= read -r command; do
        printf '%s\n' "$readme" | grep -qFx -- "$command" || missing="$missing
  $command"
    done <<EOF
$commands
EOF
    [ -z "$missing" ] || fail "not in the README's Running on GitHub Actions, as typed:$missing"
}
