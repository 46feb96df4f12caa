"""py/idiombench/run/paths.py: where the suite is, for the modules that run its programs
or read its files: REPO_ROOT (the folder with the Makefile, bin/ and py/) and
bin_path(name), the path of the program bin/<name>."""
import os

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def bin_path(name):
    """The path of bin/<name>, one of the suite's programs."""
    return os.path.join(REPO_ROOT, "bin", name)
