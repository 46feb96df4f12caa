"""py/idiombench/claims/rules/: the rules of the claims (docs/CLAIMS.md: C01-C22), one
module per family of the catalogue (bench/<family>.py), each claim's rule in the family
whose cases decide it (a rule that also reads another family sits with its main
contrast):

    identity    C01 C02 C03 C09 C10   (C01 also reads copying's *_alias bytes)
    mutability  C04 C05 C06           (C06 also reads copying's C06_alias_is, *_alias bytes)
    copying     C07 C08
    interning   C11 C12 C13
    refcount    C14 C15
    gc          C16
    weakrefs    C17 C18 C19
    strings     C20 C21
    release     C22
    shared      what several families use (no claims of its own)

Each module has RULES ({claim: rule}) and TITLES ({claim: the matrix's short title}). A
rule is `decide_cNN(run, label) -> Decision(verdict, conditions, evidence)` for one
interpreter (`label`) of one run folder (`run`, an idiombench.claims.run.Run); it states
its criterion in its docstring and lets the run's data decide: behaviour from
observations.csv (repr values, or the exception as `Type: message`), cost from the cases
bench/*.py measures: instructions per operation where the run has them, time with its
95% interval, exact allocation counts (py/idiombench/claims/vocabulary.py: each condition
supported, contradicted or inconclusive; a difference the noise hides is never evidence
against a claim). No rule names a version to decide a verdict: the version is used only
to tell whether an interpreter is of the article's era (C12). What an interpreter does
not measure (Python 2.7: allocations, tracemalloc, ResourceWarning, gc.get_stats;
unavailable.csv says why) leaves a rule to decide from what remains, or to say
`untestable` and name what is missing.

load_rules() builds the registry from MODULES.

Standard library only; Python 3.6+.
"""
import importlib
import re

FAMILIES = ["identity", "mutability", "copying", "interning", "refcount", "gc", "weakrefs",
            "strings", "release"]
MODULES = ["idiombench.claims.rules." + family for family in FAMILIES]


def source_of(name):
    """The file of the module named name, as messages give it:
    py/idiombench/claims/rules/identity.py."""
    return "py/%s.py" % name.replace(".", "/")


def load_rules(modules=None):
    """({claim: rule}, {claim: title}, [notes], [errors]): every module's RULES (modules:
    names, MODULES by default). A rule module that does not exist yet is noted and
    skipped; one that cannot be imported is skipped and reported as an error."""
    rules, titles, notes, errors = {}, {}, [], []
    for name in MODULES if modules is None else modules:
        try:
            module = importlib.import_module(name)
        except Exception as error:  # a rule module being written: report it, go on
            if isinstance(error, ImportError) and getattr(error, "name", None) == name:
                notes.append("%s not found: its claims are left out" % source_of(name))
            else:
                errors.append("%s cannot be imported: %s: %s"
                              % (source_of(name), type(error).__name__, error))
            continue
        for claim, rule in getattr(module, "RULES", {}).items():
            rules[claim] = rule
            title = getattr(module, "TITLES", {}).get(claim)
            if not title and rule.__doc__:
                title = re.sub(r"^C\d+\s*[:.-]\s*", "",
                               rule.__doc__.strip().splitlines()[0]).replace("`", "")
            titles[claim] = title or ""
    return rules, titles, notes, errors
