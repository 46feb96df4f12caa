#!/usr/bin/env python3
# bin/peak-rss [--out FILE] [--] CMD [ARGS...]: runs CMD and reports its peak RSS.
#
# Runs CMD with this process's stdin, stdout and stderr, waits for it with os.wait4 and
# reports the child's peak resident set size (ru_maxrss, KiB on Linux): as the last
# line on stderr, "peak-rss: N KiB", or with --out FILE, N alone on one line in FILE
# (and nothing on stderr). Exits with CMD's exit status, or 128 + N if a signal N
# killed it (as a shell does). Ctrl-C reaches CMD, which decides; this script waits.
#
# Errors, one line on stderr each: CMD cannot be started (exit 127 if not found, 126
# otherwise, as a shell does; nothing reported); bad options, or FILE cannot be
# written (exit 2).
#
# What the figure is: Linux keeps for each process the larger of its own peak and the
# resident size it had when it was forked, which for CMD is a copy of this script's
# process. So the figure has a floor, about 6-7 MB here (this script re-executes itself
# with python3 -S -E -s, importing only os and sys, to keep it low); a command that
# stays below it reads as the floor. Every Python 3 process is above it; a bare
# python2.7 -c pass is about at it. Runs on any python3 >= 3.6, standard library only.
import os
import sys

# Keep this process, and so the floor, small: no site, no PYTHON* variables.
if not sys.flags.no_site:
    flags = ["-S", "-E", "-s"]
    try:
        os.execv(sys.executable, [sys.executable] + flags + [os.path.abspath(__file__)]
                 + sys.argv[1:])
    except OSError:
        pass  # run as we are: the floor is a few MB higher

import signal  # noqa: E402 (a built-in module: costs no memory worth counting)

USAGE = "usage: bin/peak-rss [--out FILE] [--] CMD [ARGS...]"


def die(message, status=2):
    sys.stderr.write("idiombench: peak-rss: %s\n" % message)
    sys.exit(status)


def parse(argv):
    """Returns (out_path or None, command argv)."""
    out = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            i += 1
            break
        if arg == "--out":
            if i + 1 >= len(argv):
                die("--out needs a FILE; " + USAGE)
            out = argv[i + 1]
            i += 2
        elif arg.startswith("--out="):
            out = arg[len("--out="):]
            i += 1
        elif arg in ("-h", "--help"):
            with open(os.path.abspath(__file__)) as stream:
                for line in stream.read().splitlines()[1:]:
                    if not line.startswith("#"):
                        break
                    sys.stdout.write(line[2:] + "\n")
            sys.exit(0)
        elif arg.startswith("-"):
            die("unknown option '%s'; " % arg + USAGE)
        else:
            break
    command = argv[i:]
    if not command:
        die("no command given; " + USAGE)
    if out == "":
        die("--out needs a FILE; " + USAGE)
    return out, command


def start(command):
    """Forks and execs command; returns its pid, or exits with a clear line."""
    read_end, write_end = os.pipe()  # close-on-exec: EOF means exec worked
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            os.execvp(command[0], command)
        except OSError as error:
            os.write(write_end, ("%d" % error.errno).encode())
        finally:
            os._exit(127)
    os.close(write_end)
    # While CMD runs, Ctrl-C and Ctrl-\ are for it alone (as system() does), and a
    # SIGTERM sent to this script is passed on to it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGQUIT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: os.kill(pid, signum))
    with os.fdopen(read_end, "rb") as pipe:
        report = pipe.read()
    if report:
        os.waitpid(pid, 0)
        errno_value = int(report)
        status = 127 if errno_value == 2 else 126  # ENOENT: not found
        die("cannot run '%s': %s" % (command[0], os.strerror(errno_value)), status)
    return pid


def wait(pid):
    """Waits for pid; returns (exit status as a shell reports it, peak RSS in KiB)."""
    while True:
        try:
            _, status, usage = os.wait4(pid, 0)
            break
        except InterruptedError:  # pragma: no cover (PEP 475 retries on 3.5+)
            continue
    if os.WIFSIGNALED(status):
        code = 128 + os.WTERMSIG(status)
    else:
        code = os.WEXITSTATUS(status)
    return code, usage.ru_maxrss


def main():
    out, command = parse(sys.argv[1:])
    pid = start(command)
    code, peak_kib = wait(pid)
    if out is None:
        sys.stderr.flush()
        sys.stderr.write("peak-rss: %d KiB\n" % peak_kib)
    else:
        try:
            with open(out, "w") as stream:
                stream.write("%d\n" % peak_kib)
        except OSError as error:
            die("cannot write '%s': %s" % (out, error.strerror), 2)
    sys.exit(code)


if __name__ == "__main__":
    main()
