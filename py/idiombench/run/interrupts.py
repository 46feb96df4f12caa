"""py/idiombench/run/interrupts.py: a tool that runs harnesses ends them when it ends, however it
ends, so that no harness outlives make bench or make compare.

    interrupts.install()                  # at the tool's start
    process = interrupts.start(command, stdout=...)   # Popen, in a group of its own
    try: ... finally: interrupts.stop(process)        # its whole group, then waited for
    status = interrupts.run(command, stdout=...)      # the three: start, wait, stop

install() makes SIGTERM and SIGHUP raise SystemExit (status 128 + signal), as SIGINT
raises KeyboardInterrupt, so that the tool's finally blocks and cleanup run (Python's
default for SIGTERM is to die at once); and, on Linux, asks for SIGTERM when the tool's
parent dies (make's `sh -c` does not pass on the SIGTERM make forwards). start() runs
the child in a session of its own, so that stop() reaches whatever it started (a shell
and its valgrind, say), and asks the kernel to send it SIGTERM when the tool dies, even
by SIGKILL. Standard library only; Python 3.6+.
"""
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _load_prctl():
    """libc's prctl, or None (not Linux, or no C library found)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()  # looked up now: a child between fork and exec must not load it


def die_with_parent():
    """Asks for SIGTERM when the parent process ends (Linux; elsewhere nothing)."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def exit_on_signal(signum, frame):
    """A signal handler: the signal ends the tool through SystemExit (128 + signum)."""
    raise SystemExit(128 + signum)


def install():
    """SIGTERM and SIGHUP end the tool through SystemExit; its parent's end sends it
    SIGTERM. A tool whose parent is already gone exits at once."""
    parent = os.getppid()
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, exit_on_signal)
    die_with_parent()
    if os.getppid() != parent:  # it died before the request took effect
        raise SystemExit(128 + signal.SIGTERM)


def start(command, **popen_args):
    """subprocess.Popen(command, ...) in a session of its own, sent SIGTERM if this
    process dies."""
    return subprocess.Popen(command, start_new_session=True, preexec_fn=die_with_parent,
                            **popen_args)


def stop(process):
    """Sends SIGTERM to the process's whole group unless it has ended, then waits for it.
    Returns its exit status."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except OSError:
            pass
    return process.wait()


def run(command, **popen_args):
    """Runs command as start() does and waits for it; stops it (its whole group) if this
    process is stopped meanwhile. Returns its exit status (negative: killed by a
    signal, as Popen gives it)."""
    process = start(command, **popen_args)
    try:
        return process.wait()
    finally:
        stop(process)
