"""py/idiombench/run/folder.py: run folders, complete or not, for the tools that write them
(bench, compare) and those that read them (plots, report, claims).

A run is written in <folder>.partial and renamed to <folder> once complete
(docs/run-folder.md), so a folder whose name ends in .partial is a run that was
interrupted, failed or is still going. A reader takes a folder only when it is
complete: not a .partial, with a meta file, and every CSV file ending on a whole line.

    problem = incomplete(folder)           # None, or one line naming cause and fix
    checked(folder, "make report RUN=results/<run-id>")  # Stop unless it is a whole run
    final = new_run_folder(root, suffix)   # results/<UTC stamp><suffix>[-k], both names free
    finish(final, latest=True)             # <final>.partial renamed; results/latest moved

Standard library only; Python 3.6+.
"""
import datetime
import os

from idiombench.run.errors import Stop

PARTIAL = ".partial"
# The files of lines a run may hold: each line ends with a line break, the last one too.
TEXT_FILES = ("meta", "measurements.csv", "samples.csv", "failures.csv", "unavailable.csv",
             "complexity.csv", "observations.csv", "comparison.csv", "claims.csv",
             "cases.csv",
             os.path.join("hyperfine", "hyperfine.csv"),
             os.path.join("hyperfine", "runs.csv"))


def cut_short(path):
    """True when the file at path has text and does not end with a line break."""
    try:
        with open(path, "rb") as stream:
            stream.seek(0, os.SEEK_END)
            if stream.tell() == 0:
                return False
            stream.seek(-1, os.SEEK_END)
            return stream.read(1) != b"\n"
    except OSError:
        return False  # absent or unreadable: the reader says so in its own words


def checked(folder, usage):
    """Stop (exit 2) with one line unless folder is an existing, complete run folder;
    usage is the command that names one ("make report RUN=results/<run-id>")."""
    if not os.path.exists(folder):
        raise Stop("no run folder %s: give one that make bench or make compare wrote (%s)"
                   % (folder, usage))
    if not os.path.isdir(folder):
        raise Stop("%s is not a folder: give a run folder (%s)" % (folder, usage))
    problem = incomplete(folder)
    if problem:
        raise Stop(problem)


def incomplete(folder):
    """Why folder is not a complete run folder, as one line naming the cause and the
    fix; None when it is one. folder must exist and be a folder."""
    for name in (os.path.basename(os.path.normpath(folder)),
                 os.path.basename(os.path.realpath(folder))):
        if name.endswith(PARTIAL):
            return ("%s is an incomplete run (a %s folder: its run was interrupted, failed "
                    "or is still going): give a complete run folder, or measure again with "
                    "make bench or make compare" % (folder, PARTIAL))
    if not os.path.isfile(os.path.join(folder, "meta")):
        return ("%s is not a run folder (it has no meta): give one that make bench or make "
                "compare wrote" % folder)
    for name in TEXT_FILES:
        path = os.path.join(folder, name)
        if cut_short(path):
            return ("%s ends in the middle of a line: the file was cut short (an "
                    "interrupted write?); measure again with make bench or make compare"
                    % path)
    return None


def new_run_folder(root, suffix):
    """root/<UTC date>-<time><suffix>[-k]: a name that neither a run nor a .partial
    holds yet (the harness names its runs the same way)."""
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    base = os.path.join(root, stamp + suffix)
    final, k = base, 1
    while os.path.lexists(final) or os.path.lexists(final + PARTIAL):
        k += 1
        final = "%s-%d" % (base, k)
    return final


def link_latest(final):
    """Points results/latest (beside final) at final, atomically."""
    results = os.path.dirname(final)
    temporary = os.path.join(results, ".latest.tmp")
    if os.path.lexists(temporary):
        os.remove(temporary)
    os.symlink(os.path.basename(final), temporary)
    os.replace(temporary, os.path.join(results, "latest"))


def finish(final, latest):
    """Renames final.partial to final (replacing an empty folder there), the run
    complete; then, when latest, points results/latest at it. OSError on failure."""
    os.rename(final + PARTIAL, final)
    if latest:
        link_latest(final)
