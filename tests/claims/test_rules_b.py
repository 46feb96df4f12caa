"""tests/claims/test_rules_b.py: the rules of claims C12-C22 (py/idiombench/claims/rules_b.py).

Each rule is fed small synthetic run folders (tests/claims/synthetic.py) read by the
real idiombench.claims.run.Run, whose contrasts come from build/idiombench-compare. Every
claim is shown to follow its evidence both ways: the same rule gives `holds` on one
synthetic run and `fails` on another (and `partly` or `untestable` where the rule has
those), and the evidence carries the figures that decided it.

    python3 -m unittest discover -s tests/claims -p 'test_rules_b.py' -v

Standard library only; Python 3.6+. Needs build/idiombench-compare (make -f
mk/compare.mk), or $IDIOMBENCH_COMPARE.
"""
import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "py"))
sys.path.insert(0, HERE)

from idiombench.claims import run as claims_run  # noqa: E402
from idiombench.claims import rules_b as rules  # noqa: E402
from synthetic import SyntheticRun, spread  # noqa: E402

NEW = "3.11.7"
OLD = "2.7.18"
TOOL = claims_run.compare_tool()


class RulesCase(unittest.TestCase):
    """Writes synthetic runs into a temporary folder and reads them back."""

    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="test_rules_b.")
        self.count = 0

    def tearDown(self):
        shutil.rmtree(self.scratch, ignore_errors=True)

    def read(self, synthetic):
        self.count += 1
        folder = synthetic.write(os.path.join(self.scratch, "run%d" % self.count))
        return claims_run.Run(folder)

    def decide(self, claim, synthetic, label=NEW):
        decision = rules.RULES[claim](self.read(synthetic), label)
        self.assertIn(decision.verdict, claims_run.VERDICTS)
        return decision

    def assertVerdict(self, decision, verdict, *in_evidence):
        self.assertEqual(decision.verdict, verdict, decision)
        for text in in_evidence:
            self.assertIn(text, decision.evidence + " | " + decision.conditions)


def memory(run, label, family, case, metric, median, n, cv=0.001, k=3):
    """k samples of a memory figure around median (per run)."""
    return run.measure(label, family, case, metric, spread(median, cv, k), n=n, loops=10)


# --- C12 -------------------------------------------------------------------------------

def c12_run(versions, literal_interned):
    """Each version's interning observations; literal_interned: {label: bool}."""
    run = SyntheticRun(versions)
    for label in versions:
        run.observe(label, "interning", "C11_literal_separate_compiles",
                    literal_interned[label])
        run.observe(label, "interning", "C11_runtime_built", False)
        if label.startswith("2."):
            run.observe_error(label, "interning", "C12_sys_intern_runtime",
                              "AttributeError: 'module' object has no attribute 'intern'")
        else:
            run.observe(label, "interning", "C12_sys_intern_runtime", True)
    return run


class TestC12(RulesCase):
    def test_fails_on_an_era_interpreter_that_interns_literals(self):
        d = self.decide("C12", c12_run([OLD, NEW], {OLD: True, NEW: True}), OLD)
        self.assertVerdict(d, "fails", "are one object: True", "2.7.18")

    def test_holds_on_an_era_interpreter_that_does_not(self):
        d = self.decide("C12", c12_run([OLD, NEW], {OLD: False, NEW: True}), OLD)
        self.assertVerdict(d, "holds", "are one object: False")

    def test_a_later_row_takes_the_era_interpreters_verdict_both_ways(self):
        d = self.decide("C12", c12_run([OLD, NEW], {OLD: True, NEW: True}), NEW)
        self.assertVerdict(d, "fails", "Decided on", "2.7.18", "not on 3.11.7")
        d = self.decide("C12", c12_run([OLD, NEW], {OLD: False, NEW: True}), NEW)
        self.assertVerdict(d, "holds", "Decided on", "2.7.18")

    def test_era_is_by_version_3_4_counts(self):
        d = self.decide("C12", c12_run(["3.4.10", NEW], {"3.4.10": False, NEW: True}), NEW)
        self.assertVerdict(d, "holds", "3.4.10")

    def test_era_interpreters_that_disagree_give_partly(self):
        run = c12_run([OLD, "3.4.10", NEW], {OLD: True, "3.4.10": False, NEW: True})
        d = self.decide("C12", run, NEW)
        self.assertVerdict(d, "partly", "fails on 2.7.18", "holds on 3.4.10")

    def test_untestable_without_an_era_interpreter(self):
        d = self.decide("C12", c12_run(["3.6.15", NEW], {"3.6.15": True, NEW: True}), NEW)
        self.assertVerdict(d, "untestable", "Python 2.7", "3.4")

    def test_untestable_when_the_era_interpreter_recorded_nothing(self):
        run = SyntheticRun([OLD, NEW])
        run.observe(NEW, "interning", "C11_literal_separate_compiles", True)
        d = self.decide("C12", run, OLD)
        self.assertVerdict(d, "untestable", "not recorded")


# --- C13 -------------------------------------------------------------------------------

def c13_run(duplicates, interned, label=NEW):
    run = SyntheticRun([label])
    memory(run, label, "interning", "hold_duplicates", "retained_bytes", duplicates, 10000)
    memory(run, label, "interning", "hold_interned", "retained_bytes", interned, 10000)
    run.count(label, "interning", "keep_duplicate", allocs=1, bytes=142)
    run.count(label, "interning", "keep_interned", allocs=1, bytes=142)
    return run


class TestC13(RulesCase):
    def test_holds_when_interned_strings_retain_fewer_bytes(self):
        d = self.decide("C13", c13_run(7351768, 851768))
        self.assertVerdict(d, "holds", "7.35 MB", "852 kB", "0.116x", "95% CI")

    def test_fails_when_they_retain_as_much_within_the_margin(self):
        # TOST: the 95% interval lies within +-2% of 1, so "fewer" is contradicted.
        d = self.decide("C13", c13_run(7351768, 7351768))
        self.assertVerdict(d, "fails", "1.00x [0.99")

    def test_fails_when_interned_strings_retain_more(self):
        d = self.decide("C13", c13_run(851768, 7351768))
        self.assertVerdict(d, "fails", "beyond the noise")

    def test_inconclusive_when_the_difference_is_within_the_noise(self):
        run = SyntheticRun([NEW])
        run.measure(NEW, "interning", "hold_duplicates", "retained_bytes",
                    [100, 200, 300], n=10000)
        run.measure(NEW, "interning", "hold_interned", "retained_bytes",
                    [90, 210, 280], n=10000)
        d = self.decide("C13", run)
        self.assertVerdict(d, "inconclusive", "within the noise")
        self.assertIn("inconclusive: interned strings retain fewer bytes (", d.conditions)

    def test_untestable_without_tracemalloc(self):
        run = SyntheticRun([OLD])
        run.unavailable(OLD, "interning", "hold_interned", "retained_bytes",
                        "no tracemalloc in Python 2.7.18")
        run.time(OLD, "interning", "join", 30.0)
        d = self.decide("C13", run, OLD)
        self.assertVerdict(d, "untestable", "no tracemalloc")


# --- C14 -------------------------------------------------------------------------------

def c14_run(freed=True, peak=3992336, kept=560, label=NEW, measured=True):
    run = SyntheticRun([label])
    run.observe_error(label, "refcount", "C14_del_removes_name",
                      "NameError: name 'x' is not defined")
    run.observe(label, "refcount", "C14_freed_on_del", freed)
    run.observe(label, "refcount", "C14_finalizer_on_del", freed)
    run.observe(label, "refcount", "C14_cycle_needs_gc", (False, True))
    if measured:
        memory(run, label, "refcount", "del_memory", "peak_bytes", peak, 100000)
        memory(run, label, "refcount", "del_memory", "retained_bytes", kept, 100000)
        run.count(label, "refcount", "build_del", allocs=99746, bytes=3991880, n=100000)
    return run


class TestC14(RulesCase):
    def test_holds_when_freed_at_del_and_peak_is_one_list(self):
        d = self.decide("C14", c14_run())
        self.assertVerdict(d, "holds", "NameError", "dead right after del: True", "3.99 MB")

    def test_fails_when_the_object_outlives_del_and_lists_pile_up(self):
        d = self.decide("C14", c14_run(freed=False, peak=39923360, kept=39920000))
        self.assertVerdict(d, "partly", "del removes the name", "not: an object outside a cycle is freed at del")
        run = c14_run(freed=False, peak=39923360, kept=39920000)
        run.observations = [o for o in run.observations if o[2] != "C14_del_removes_name"]
        run.observe(NEW, "refcount", "C14_del_removes_name", [1])
        self.assertVerdict(self.decide("C14", run), "fails", "39.9 MB")

    def test_partly_when_memory_is_kept_though_the_object_dies(self):
        d = self.decide("C14", c14_run(peak=7984000))
        self.assertVerdict(d, "partly", "not: memory given back at each del")

    def test_decides_on_behaviour_without_tracemalloc(self):
        run = c14_run(label=OLD, measured=False)
        run.unavailable(OLD, "refcount", "del_memory", "peak_bytes",
                        "no tracemalloc in Python 2.7.18")
        d = self.decide("C14", run, OLD)
        self.assertVerdict(d, "holds", "no tracemalloc")
        d = self.decide("C14", c14_run(freed=False, label=OLD, measured=False), OLD)
        self.assertVerdict(d, "partly", "not: an object outside a cycle is freed at del")


# --- C15 -------------------------------------------------------------------------------

def c15_run(module, function):
    run = SyntheticRun([NEW])
    run.observe(NEW, "refcount", "C15_two_names_module", module)
    run.observe(NEW, "refcount", "C15_one_name_module", module - 1)
    run.observe(NEW, "refcount", "C15_in_function", (function, function - 1))
    return run


class TestC15(RulesCase):
    def test_holds_when_both_scopes_count_3(self):
        self.assertVerdict(self.decide("C15", c15_run(3, 3)), "holds", "module level: 3")

    def test_fails_when_neither_does(self):
        self.assertVerdict(self.decide("C15", c15_run(2, 2)), "fails", "module level: 2")

    def test_partly_names_the_scope(self):
        d = self.decide("C15", c15_run(3, 2))
        self.assertVerdict(d, "partly", "at module level (3)", "in a function (2)")

    def test_untestable_without_observations(self):
        run = SyntheticRun([NEW])
        run.time(NEW, "refcount", "getrefcount", 9.0)
        self.assertVerdict(self.decide("C15", run), "untestable", "not recorded")


# --- C16 -------------------------------------------------------------------------------

def c16_run(order, label=NEW, per_generation=(91, 8, 0)):
    run = SyntheticRun([label])
    run.observe(label, "gc", "C16_get_threshold", (700, 10, 10))
    run.observe(label, "gc", "C16_generation_order", (len(order), tuple(order)))
    older = [i for i, g in enumerate(order) if g != 0]
    run.observe(label, "gc", "C16_first_older_collection",
                (order[older[0]], older[0]) if older else None)
    run.observe(label, "gc", "C16_collections_per_generation", per_generation)
    return run


class TestC16(RulesCase):
    def test_partly_when_the_youngest_is_collected_first(self):
        d = self.decide("C16", c16_run([0] * 11 + [1] + [0] * 5))
        self.assertVerdict(d, "partly", "3 generations", "youngest generation is collected "
                           "first", "after 11 of generation 0")

    def test_holds_when_the_oldest_is_collected_first(self):
        d = self.decide("C16", c16_run([2, 1, 0, 2], per_generation=(1, 1, 2)))
        self.assertVerdict(d, "holds", "2 1 0 2")

    def test_fails_without_generations(self):
        run = SyntheticRun([NEW])
        run.observe(NEW, "gc", "C16_get_threshold", (700,))
        self.assertVerdict(self.decide("C16", run), "fails", "1 generation)")

    def test_untestable_order_without_callbacks_or_stats(self):
        run = SyntheticRun([OLD])
        run.observe(OLD, "gc", "C16_get_threshold", (700, 10, 10))
        for name in ("C16_generation_order", "C16_first_older_collection"):
            run.observe_error(OLD, "gc", name,
                              "AttributeError: 'module' object has no attribute 'callbacks'")
        run.observe_error(OLD, "gc", "C16_collections_per_generation",
                          "AttributeError: 'module' object has no attribute 'get_stats'")
        run.unavailable(OLD, "gc", "cycles_gc_on", "gc_collections_gen0",
                        "no gc.get_stats in Python 2.7.18")
        d = self.decide("C16", run, OLD)
        self.assertVerdict(d, "untestable", "callbacks", "(700, 10, 10)")

    def test_measured_collections_decide_without_the_order_record(self):
        def run_with(young, old):
            run = SyntheticRun([NEW])
            run.observe(NEW, "gc", "C16_get_threshold", (700, 10, 10))
            for metric, value in (("gc_collections_gen0", young), ("gc_collections_gen2", old)):
                run.measure(NEW, "gc", "cycles_gc_on", metric, [value] * 3, n=1000)
            return run
        self.assertVerdict(self.decide("C16", run_with(11, 0)), "partly", "generation 0 11")
        self.assertVerdict(self.decide("C16", run_with(0, 5)), "holds", "generation 2 5")


# --- C17 -------------------------------------------------------------------------------

def c17_run(before_after, returns, none_after):
    run = SyntheticRun([NEW])
    run.observe(NEW, "weakref", "C17_refcount_before_after", before_after)
    run.observe(NEW, "weakref", "C17_call_returns_object", returns)
    run.observe(NEW, "weakref", "C17_none_after_del", none_after)
    return run


class TestC17(RulesCase):
    def test_holds(self):
        self.assertVerdict(self.decide("C17", c17_run((2, 2), True, True)), "holds", "(2, 2)")

    def test_fails(self):
        self.assertVerdict(self.decide("C17", c17_run((2, 3), False, False)), "fails",
                           "(2, 3)")

    def test_partly(self):
        d = self.decide("C17", c17_run((2, 3), True, True))
        self.assertVerdict(d, "partly", "not: the count does not rise")


# --- C18 -------------------------------------------------------------------------------

def c18_run(accepting):
    """Every probe of rules.C18_*; those in `accepting` accept, the others refuse."""
    run = SyntheticRun([NEW])
    for what, name in rules.C18_BUILTINS + rules.C18_INSTANCES:
        if name in accepting:
            run.observe(NEW, "weakref", name, "X")
        else:
            run.observe_error(NEW, "weakref", name,
                              "TypeError: cannot create weak reference to 'X' object")
    return run


INSTANCES = ("C18_class_instance", "C18_list_subclass", "C18_slots_instance")
BUILTINS = tuple(name for _, name in rules.C18_BUILTINS)


class TestC18(RulesCase):
    def test_holds_when_every_builtin_refuses_and_every_instance_accepts(self):
        d = self.decide("C18", c18_run(INSTANCES))
        self.assertVerdict(d, "holds", "refuse (TypeError): list")

    def test_fails_when_every_builtin_accepts(self):
        d = self.decide("C18", c18_run(BUILTINS + INSTANCES))
        self.assertVerdict(d, "fails", "built-ins that accept: list")

    def test_partly_names_the_exceptions(self):
        d = self.decide("C18", c18_run(("C18_set", "C18_frozenset", "C18_function",
                                        "C18_class_itself", "C18_class_instance",
                                        "C18_list_subclass")))
        self.assertVerdict(d, "partly", "holds for list, dict, int, str and tuple",
                           "set, frozenset, function and a class (type) accept",
                           "__slots__ and no __weakref__ refuses")


# --- C19 -------------------------------------------------------------------------------

def c19_run(strong, weak, alive_weak=False, label=NEW, measured=True):
    run = SyntheticRun([label])
    if measured:
        memory(run, label, "weakref", "cache_dict", "retained_bytes", strong, 1000)
        memory(run, label, "weakref", "cache_weak", "retained_bytes", weak, 1000)
    run.observe(label, "weakref", "C19_cache_after_del", (1, 1 if alive_weak else 0))
    run.observe(label, "weakref", "C19_object_alive_after_del", (True, alive_weak))
    return run


class TestC19(RulesCase):
    def test_holds_when_the_weak_cache_retains_less(self):
        d = self.decide("C19", c19_run(3918888, 64))
        self.assertVerdict(d, "holds", "3.92 MB", "64 bytes", "95% CI")

    def test_fails_when_it_retains_as_much(self):
        d = self.decide("C19", c19_run(3918888, 3918888))
        self.assertVerdict(d, "fails", "3.92 MB")

    def test_the_peak_decides_when_the_retained_bytes_are_too_noisy(self):
        def run_with(weak_peak):
            run = SyntheticRun([NEW])
            run.measure(NEW, "weakref", "cache_dict", "retained_bytes", [3918888] * 2, n=1000)
            run.measure(NEW, "weakref", "cache_weak", "retained_bytes", [13, 112], n=1000)
            memory(run, NEW, "weakref", "cache_dict", "peak_bytes", 3918736, 1000, k=2)
            memory(run, NEW, "weakref", "cache_weak", "peak_bytes", weak_peak, 1000, k=2)
            return run
        d = self.decide("C19", run_with(391440))
        self.assertVerdict(d, "holds", "weak / dict 0.0999x [0.0996, 0.100]", "peak during a run")
        self.assertVerdict(self.decide("C19", run_with(39144000)), "fails", "39.1 MB")

    def test_decides_on_behaviour_without_tracemalloc(self):
        def old(alive):
            run = c19_run(0, 0, alive_weak=alive, label=OLD, measured=False)
            run.unavailable(OLD, "weakref", "cache_weak", "retained_bytes",
                            "no tracemalloc in Python 2.7.18")
            return run
        self.assertVerdict(self.decide("C19", old(False), OLD), "holds",
                           "decided on the observed behaviour")
        self.assertVerdict(self.decide("C19", old(True), OLD), "fails",
                           "WeakValueDictionary True")


# --- C20 -------------------------------------------------------------------------------

def c20_run(plus_ns, join_ns, plus_bytes, join_bytes, sizes=(100, 10000), label=NEW,
            counts=True):
    """Every += variant at plus_ns[n], every join at join_ns[n] (ns per build), and their
    bytes requested, at each size."""
    run = SyntheticRun([label])
    for n in sizes:
        for _, plus_case, join_case in rules.C20_PAIRS:
            run.time(label, "strings", plus_case, plus_ns[n], n=n)
            run.time(label, "strings", join_case, join_ns[n], n=n)
            if counts:
                run.count(label, "strings", plus_case, allocs=n, bytes=plus_bytes[n], n=n)
                run.count(label, "strings", join_case, allocs=5, bytes=join_bytes[n], n=n)
    return run


class TestC20(RulesCase):
    def test_holds_when_join_is_cheaper_everywhere(self):
        d = self.decide("C20", c20_run({100: 4000, 10000: 5e6}, {100: 2000, 10000: 2e5},
                                       {100: 45291, 10000: 400529991},
                                       {100: 5026, 10000: 830316}))
        self.assertVerdict(d, "holds", "iadd / join_append) n=10000 join_append: 25.0x [24.4, "
                           "25.6] faster than iadd", "482x")

    def test_fails_when_join_is_no_cheaper(self):
        d = self.decide("C20", c20_run({100: 2000, 10000: 2e5}, {100: 2000, 10000: 2e5},
                                       {100: 5026, 10000: 830316},
                                       {100: 5026, 10000: 830316}))
        self.assertVerdict(d, "fails", "n=10000 join_append vs iadd: time 200 us vs 200 us, "
                           "1.00x [0.977, 1.02]", "not: bytes requested: join not better",
                           "inconclusive: time: no telling for iadd (n=100,10000)")

    def test_partly_names_the_sizes(self):
        d = self.decide("C20", c20_run({100: 2000, 10000: 5e6}, {100: 2000, 10000: 2e5},
                                       {100: 45291, 10000: 400529991},
                                       {100: 5026, 10000: 830316}))
        # No difference beyond the noise at n=100 is no evidence against the claim.
        self.assertVerdict(d, "holds", "inconclusive: time: no telling for iadd (n=100), "
                           "plus (n=100)", "1.00x [0.977, 1.02]")

    def test_partly_names_where_plus_is_faster(self):
        d = self.decide("C20", c20_run({100: 1000, 10000: 5e6}, {100: 2000, 10000: 2e5},
                                       {100: 45291, 10000: 400529991},
                                       {100: 5026, 10000: 830316}))
        self.assertVerdict(d, "partly", "not: time: join not better for iadd (n=100)",
                           "holds: time: join better for iadd (n=10000)")

    def test_time_alone_without_the_allocator_api(self):
        run = c20_run({100: 4000, 10000: 5e6}, {100: 2000, 10000: 2e5}, None, None,
                      label=OLD, counts=False)
        for _, plus_case, _ in rules.C20_PAIRS:
            run.unavailable(OLD, "strings", plus_case, "bytes_per_op",
                            "no allocator API in Python 2.7.18")
        d = self.decide("C20", run, OLD)
        self.assertVerdict(d, "holds", "no allocator API")


# --- C21 -------------------------------------------------------------------------------

def c21_run(plus, fmt, fstring, label=NEW, plus_bytes=115, fmt_bytes=215,
            fstring_bytes=58, counts=True):
    """Times in ns (fstring None: the case is not run: needs a newer Python); bytes
    requested per string (counts=False: no allocator API, as on 2.7)."""
    run = SyntheticRun([label])
    cases = [("fmt_plus", plus, plus_bytes), ("fmt_format", fmt, fmt_bytes)]
    if fstring is None:
        run.unavailable(label, "strings", "fmt_fstring", "*", "needs Python 3.6+ (f-strings)")
    else:
        cases.append(("fmt_fstring", fstring, fstring_bytes))
    for case, ns, size in cases:
        run.time(label, "strings", case, ns)
        if counts:
            run.count(label, "strings", case, allocs=2, bytes=size)
        else:
            run.unavailable(label, "strings", case, "bytes_per_op",
                            "no allocator API in Python 2.7.18")
    return run


class TestC21(RulesCase):
    def test_holds_when_both_cost_less(self):
        d = self.decide("C21", c21_run(50.0, 30.0, 25.0, fmt_bytes=115))
        self.assertVerdict(d, "holds", "str.format: 1.67x [1.63, 1.71] faster than +",
                           "f-string: 2.00x [1.95, 2.05] faster than +",
                           "bytes f-string / + 0.504x (exact counts")

    def test_fails_when_both_cost_more(self):
        d = self.decide("C21", c21_run(50.0, 110.0, 80.0, fstring_bytes=115))
        self.assertVerdict(d, "fails", "2.20x", "1.60x")

    def test_inconclusive_when_the_time_is_within_the_noise_and_bytes_are_equal(self):
        d = self.decide("C21", c21_run(50.0, 50.0, 50.0, fmt_bytes=115, fstring_bytes=115))
        self.assertVerdict(d, "inconclusive", "inconclusive: str.format (", "within the noise")

    def test_partly_names_which(self):
        d = self.decide("C21", c21_run(50.0, 110.0, 28.0))
        self.assertVerdict(d, "partly", "holds: f-string; not: str.format",
                           "str.format: 2.20x [2.15, 2.25] slower than +", "1.87x")

    def test_fewer_bytes_in_the_same_time_is_better(self):
        d = self.decide("C21", c21_run(50.0, 50.0, 50.0, fmt_bytes=115))
        self.assertVerdict(d, "holds", "inconclusive: str.format", "bytes f-string / + 0.504x")

    def test_more_bytes_outweigh_a_faster_time(self):
        d = self.decide("C21", c21_run(50.0, 30.0, 30.0, fmt_bytes=215, fstring_bytes=215))
        self.assertVerdict(d, "fails", "1.67x [1.63, 1.71] faster than +",
                           "bytes str.format / + 1.87x (exact counts")

    def test_format_alone_where_f_strings_do_not_exist(self):
        d = self.decide("C21", c21_run(50.0, 30.0, None, label="3.5.10", fmt_bytes=115),
                        "3.5.10")
        self.assertVerdict(d, "holds", "needs Python 3.6+")
        d = self.decide("C21", c21_run(50.0, 110.0, None, label="3.5.10"), "3.5.10")
        self.assertVerdict(d, "fails", "needs Python 3.6+")

    def test_time_alone_without_the_allocator_api(self):
        d = self.decide("C21", c21_run(50.0, 30.0, None, label=OLD, counts=False), OLD)
        self.assertVerdict(d, "holds", "str.format: 1.67x [1.63, 1.71] faster than +",
                           "(strings/fmt_format: no allocator API")
        d = self.decide("C21", c21_run(50.0, 110.0, None, label=OLD, counts=False), OLD)
        self.assertVerdict(d, "fails", "2.20x [2.15, 2.25] slower than +")


# --- C22 -------------------------------------------------------------------------------

def c22_run(closed=True, peak_without=202817, peak_with=202132, label=NEW, measured=True,
            count_after=2, cv=0.001):
    run = SyntheticRun([label])
    run.observe(label, "release", "C22_closed_after_with", closed)
    run.observe(label, "release", "C22_len_data_after_with", 65536)
    run.observe(label, "release", "C22_after_del_without_with", (False, True, True))
    run.observe(label, "release", "C22_getrefcount_without_with", 2)
    run.observe(label, "release", "C22_getrefcount_after_with", count_after)
    if measured:
        memory(run, label, "release", "open_rebind", "peak_bytes", peak_without, 1000, cv)
        memory(run, label, "release", "with_open", "peak_bytes", peak_with, 1000, cv)
        run.measure(label, "release", "open_rebind", "fds_delta", [0, 0, 0], n=1000)
        run.measure(label, "release", "open_kept", "fds_delta", [10, 10, 10], n=1000)
    return run


class TestC22(RulesCase):
    def test_partly_when_with_closes_but_frees_no_memory(self):
        d = self.decide("C22", c22_run())
        self.assertVerdict(d, "partly", "with closes the file", "not: with releases the file's memory",
                           "half the file")

    def test_holds_when_with_also_saves_the_file(self):
        d = self.decide("C22", c22_run(peak_without=268000, peak_with=202000))
        self.assertVerdict(d, "holds", "268 kB")

    def test_a_saving_smaller_than_half_the_file_does_not_count(self):
        d = self.decide("C22", c22_run(peak_without=212000, peak_with=202000))
        self.assertVerdict(d, "partly", "half the file (32768 bytes)")

    def test_equal_peaks_too_noisy_for_equivalence_still_rule_out_half_the_file(self):
        # 3 samples a side at 3% cv: the ratio's interval is wider than the 2% margin of
        # equivalence, but a 32768-byte saving of ~202 kB is far outside it.
        d = self.decide("C22", c22_run(peak_without=202300, peak_with=202300, cv=0.03))
        self.assertVerdict(d, "partly", "not: with releases the file's memory",
                           "leave no saving of half the file (32768 bytes)")

    def test_an_interval_that_reaches_half_the_file_is_inconclusive(self):
        d = self.decide("C22", c22_run(peak_without=202300, peak_with=202300, cv=0.3))
        self.assertVerdict(d, "holds", "inconclusive", "peak_bytes")

    def test_fails_when_with_neither_closes_nor_saves(self):
        d = self.decide("C22", c22_run(closed=False))
        self.assertVerdict(d, "fails", "f.closed right after the with block: False")

    def test_refcounts_decide_memory_without_tracemalloc(self):
        d = self.decide("C22", c22_run(label=OLD, measured=False), OLD)
        self.assertVerdict(d, "partly", "without with 2, after the with block 2")
        d = self.decide("C22", c22_run(label=OLD, measured=False, count_after=1), OLD)
        self.assertVerdict(d, "holds", "after the with block 1")


class TestModule(unittest.TestCase):
    def test_rules_cover_c12_to_c22(self):
        self.assertEqual(sorted(rules.RULES), ["C%d" % i for i in range(12, 23)])

    def test_each_rule_states_its_criterion(self):
        for claim, rule in rules.RULES.items():
            self.assertIn("Criterion", rule.__doc__ or "", claim)

    def test_era_is_by_version(self):
        self.assertTrue(rules.is_2015_era((2, 7, 18)))
        self.assertTrue(rules.is_2015_era((3, 4, 10)))
        self.assertFalse(rules.is_2015_era((3, 5, 0)))


if not os.access(TOOL, os.X_OK):
    raise unittest.SkipTest("%s is missing: build it with make -f mk/compare.mk" % TOOL)

if __name__ == "__main__":
    unittest.main()
