"""py/idiombench/run/atomic_text.py: a text file written whole or not at all, for the tools that
write into a run folder (claims.csv, REPORT.md). Standard library; Python 3.6+."""
import os


def write_atomically(path, content):
    """path holds content, or (on failure) is as it was; raises OSError."""
    temp = "%s.tmp.%d" % (path, os.getpid())
    try:
        with open(temp, "w", newline="", encoding="utf-8") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
