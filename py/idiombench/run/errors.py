"""py/idiombench/run/errors.py: how every program of bin/ ends and speaks.

    raise Stop("no run folder x: give one ...")          # exit 2, the line on stderr
    raise Stop("nothing could be compared", EXIT_ENVIRONMENT)
    say("results in ...", "compare")                      # compare: results in ...
    warn("gnuplot warned: ...", "plots")                  # idiombench: plots: gnuplot ...

The exit statuses are the harness's (enum exit_status of src/idiombench/options.h:
tests/unit/py/test_errors.py checks that they agree), and 130 for Ctrl-C. The Python
programs give them the same sense: 1 done in part (some cases, charts, rules or timings
failed, or a file could not be written), 2 bad input, 3 nothing could be done.
Standard library only; Python 3.6+.
"""
import os
import sys

EXIT_OK = 0             # everything done
EXIT_CASES_FAILED = 1   # done in part: some cases (charts, rules, ...) failed
EXIT_USAGE = 2          # bad input: an option, a folder, a file; nothing done
EXIT_ENVIRONMENT = 3    # nothing could be done: an interpreter, a tool, the baseline
EXIT_WRITE_FAILED = 4   # the results could not be written
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as a shell reports it); not the harness's


class Stop(Exception):
    """A program cannot go on: str() is the one line for the user (the cause and the
    fix), status the exit status."""

    def __init__(self, message, status=EXIT_USAGE):
        Exception.__init__(self, message)
        self.status = status


class Skip(Stop):
    """One part cannot be used (a file, an interpreter, an export): the caller says so,
    leaves it out and goes on with the rest."""


def say(message, program="idiombench", stream=None):
    """Progress, "<program>: message", on stdout (or stream), at once."""
    show("%s: %s\n" % (program, message), stream)


def show(text, stream=None):
    """text on stdout (or stream), at once. When its reader has gone (a pipe into
    `head`), the program goes on without output rather than dying half-way: what it
    writes to files matters more than what it prints."""
    stream = stream or sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def warn(message, program=None):
    """A problem, on stderr: "idiombench: [program: ]message", one line naming the cause
    and the fix."""
    where = "%s: " % program if program else ""
    print("idiombench: %s%s" % (where, message), file=sys.stderr, flush=True)
