/* test_loop.c: loop.c compiles a case like timeit (and its empty twin), runs it exactly
 * `loops` times between the marks, calibrates and samples it. */
#include "check.h"
#include "embed.h"
#include "loop.h"
#include "probe_alloc.h"

/* A case built by hand; sizes is NULL or one size, n. */
typedef struct test_case {
    case_def def;
    long size;
} test_case;

static test_case make_case(const char *setup, const char *stmt, bool module_scope, long n)
{
    test_case t = {{"loop", "test", (char *)setup, (char *)stmt, NULL, 0,
                    INSTRUMENT_TIME | INSTRUMENT_ALLOCS, false, module_scope, "test_loop.c", "",
                    0, 0, NULL},
                   n};
    return t;
}

/* For a case with a size: make_case(...) then with_size(&t). */
static void with_size(test_case *t)
{
    t->def.sizes = &t->size;
    t->def.size_count = 1;
}

/* builtins.unit_hits, the counter the statements below bump. */
static long hits(void)
{
    return embed_eval_long("__import__('builtins').unit_hits");
}

static int reset_hits(void)
{
    return embed_run("import builtins\nbuiltins.unit_hits = 0\n");
}

/* Compiles t, runs its statement loop `loops` times; returns loop_run's status and
 * leaves any exception pending. */
static int compile_and_run(const test_case *t, Py_ssize_t loops, mark_span *span)
{
    loop_twins twins;
    if (loop_compile(&t->def, t->size, &twins) != 0) {
        printf("    loop_compile failed: %s\n", embed_pending_exception());
        PyErr_Print();
        return -2;
    }
    int status = loop_run(&twins.stmt, twins.n, loops, span);
    loop_release(&twins);
    return status;
}

TEST(statement_runs_exactly_loops_times)
{
    REQUIRE(reset_hits() == 0);
    test_case t = make_case("import builtins", "builtins.unit_hits += 1", false, 0);
    mark_span span;
    CHECK_EQ_INT(compile_and_run(&t, 1234, &span), 0);
    CHECK_EQ_INT(hits(), 1234);
    CHECK(span.elapsed_ns > 0);
}

TEST(setup_runs_once_per_run_outside_the_loop)
{
    REQUIRE(reset_hits() == 0);
    test_case t = make_case("import builtins\nbuiltins.unit_hits += 1000", "pass", false, 0);
    mark_span span;
    CHECK_EQ_INT(compile_and_run(&t, 7, &span), 0);
    CHECK_EQ_INT(hits(), 1000);
}

TEST(empty_twin_keeps_the_setup_and_drops_the_statement)
{
    REQUIRE(reset_hits() == 0);
    test_case t = make_case("import builtins\nbuiltins.unit_hits += 1000",
                            "builtins.unit_hits += 1", false, 0);
    loop_twins twins;
    REQUIRE(loop_compile(&t.def, 0, &twins) == 0);
    mark_span span;
    CHECK_EQ_INT(loop_run(&twins.empty, twins.n, 50, &span), 0);
    CHECK_EQ_INT(hits(), 1000);
    CHECK_EQ_INT(loop_run(&twins.stmt, twins.n, 50, &span), 0);
    CHECK_EQ_INT(hits(), 2050);
    loop_release(&twins);
    CHECK(twins.stmt.function == NULL && twins.empty.function == NULL && twins.n == NULL);
}

TEST(raising_statement_fails_with_the_exception_set)
{
    test_case t = make_case("", "1 / 0", false, 0);
    mark_span span;
    CHECK_EQ_INT(compile_and_run(&t, 10, &span), -1);
    CHECK_STR_EQ(embed_pending_exception(), "ZeroDivisionError");
    PyErr_Clear();
    t = make_case("raise KeyError('in setup')", "pass", false, 0);
    CHECK_EQ_INT(compile_and_run(&t, 10, &span), -1);
    CHECK_STR_EQ(embed_pending_exception(), "KeyError");
    PyErr_Clear();
}

TEST(statement_with_a_syntax_error_does_not_compile)
{
    test_case t = make_case("", "x = = 1", false, 0);
    loop_twins twins;
    CHECK_EQ_INT(loop_compile(&t.def, 0, &twins), -1);
    CHECK_STR_EQ(embed_pending_exception(), "SyntaxError");
    PyErr_Clear();
    CHECK(twins.stmt.function == NULL && twins.empty.function == NULL && twins.n == NULL);
}

TEST(indented_multi_line_setup_and_statement_are_dedented)
{
    REQUIRE(reset_hits() == 0);
    test_case t = make_case("\n"
                            "        import builtins\n"
                            "        class Point(object):\n"
                            "            def __init__(self, a):\n"
                            "                self.a = a\n"
                            "\n"
                            "        p = Point(1)\n"
                            "    ",
                            "\n"
                            "    if p.a == 1:\n"
                            "        builtins.unit_hits += p.a\n",
                            false, 0);
    mark_span span;
    CHECK_EQ_INT(compile_and_run(&t, 25, &span), 0);
    CHECK_EQ_INT(hits(), 25);
    t.def.module_scope = true;
    CHECK_EQ_INT(compile_and_run(&t, 5, &span), 0);
    CHECK_EQ_INT(hits(), 30);
}

TEST(blank_setup_and_statement_become_pass)
{
    test_case t = make_case("   \n\n", "  ", false, 0);
    mark_span span;
    CHECK_EQ_INT(compile_and_run(&t, 3, &span), 0);
}

TEST(function_scope_keeps_setup_names_local)
{
    test_case t = make_case("x = 1", "assert 'x' not in globals() and x == 1", false, 0);
    mark_span span;
    CHECK_EQ_INT(compile_and_run(&t, 3, &span), 0);
    PyErr_Clear();
}

TEST(module_scope_makes_setup_names_global)
{
    REQUIRE(reset_hits() == 0);
    test_case t = make_case("import builtins\nx = 1",
                            "assert 'x' in globals()\nbuiltins.unit_hits += 1", true, 0);
    mark_span span;
    CHECK_EQ_INT(compile_and_run(&t, 40, &span), 0);
    CHECK_EQ_INT(hits(), 40);
    CHECK(!PyErr_Occurred());
    /* Each run starts from fresh globals: what one run defines, the next does not see. */
    t = make_case("assert 'leftover' not in globals()", "leftover = 1", true, 0);
    CHECK_EQ_INT(compile_and_run(&t, 2, &span), 0);
    loop_twins twins;
    REQUIRE(loop_compile(&t.def, 0, &twins) == 0);
    CHECK_EQ_INT(loop_run(&twins.stmt, twins.n, 1, &span), 0);
    CHECK_EQ_INT(loop_run(&twins.stmt, twins.n, 1, &span), 0);
    loop_release(&twins);
    PyErr_Clear();
}

TEST(n_is_the_size_or_none)
{
    test_case t = make_case("assert n == 5, n", "pass", false, 5);
    with_size(&t);
    mark_span span;
    CHECK_EQ_INT(compile_and_run(&t, 1, &span), 0);
    t.size = 6; /* compiled for another size: the assertion fails */
    CHECK_EQ_INT(compile_and_run(&t, 1, &span), -1);
    CHECK_STR_EQ(embed_pending_exception(), "AssertionError");
    PyErr_Clear();
    t = make_case("assert n is None", "pass", true, 5); /* no sizes: n ignored */
    CHECK_EQ_INT(compile_and_run(&t, 1, &span), 0);
    PyErr_Clear();
}

/* The statement must not leave the loop: the span would not be the loop's. */
static void check_left_early(const char *stmt, bool module_scope)
{
    test_case t = make_case("", stmt, module_scope, 0);
    mark_span span;
    int status = compile_and_run(&t, 10, &span);
    if (!CHECK_EQ_INT(status, -1)) {
        printf("    stmt ");
        check_print_escaped(stmt);
        printf(" (%s scope) left the loop without an error\n",
               module_scope ? "module" : "function");
    }
    if (status == -1) {
        CHECK_STR_EQ(embed_pending_exception(), "RuntimeError");
        char *message = embed_take_exception_message();
        CHECK_STR_CONTAINS(message, "left the loop before its end");
        free(message);
    }
    PyErr_Clear();
}

TEST(return_in_the_statement_is_an_error)
{
    check_left_early("return", false);
}

TEST(yield_in_the_statement_is_an_error)
{
    check_left_early("yield", false);
}

TEST(break_in_the_statement_is_an_error)
{
    check_left_early("break", false);
    check_left_early("if _idiombench_i is None:\n    break", false);
    check_left_early("break", true);
}

TEST(calibrate_finds_a_count_reaching_the_target)
{
    /* Each op sleeps at least 1 ms, so 5 ms need at most 5 ops: growing from 1 by the
     * measured ratio (plus 5%) stops by 6; blind tenfold growth would give 10. */
    test_case t = make_case("import time", "time.sleep(0.001)", false, 0);
    loop_twins twins;
    REQUIRE(loop_compile(&t.def, 0, &twins) == 0);
    Py_ssize_t loops = 0;
    CHECK_EQ_INT(loop_calibrate(&twins, 5000000, &loops), 0);
    if (!CHECK(loops >= 1 && loops <= 6))
        printf("    loops = %zd\n", loops);
    loop_release(&twins);

    /* `pass` takes nanoseconds: 1 ms needs thousands. Best of three, so that one
     * preempted run (which stops the growth early) does not fail the test. */
    t = make_case("", "pass", false, 0);
    REQUIRE(loop_compile(&t.def, 0, &twins) == 0);
    Py_ssize_t most = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        CHECK_EQ_INT(loop_calibrate(&twins, 1000000, &loops), 0);
        most = loops > most ? loops : most;
    }
    if (!CHECK(most >= 1000))
        printf("    loops = %zd\n", most);
    loop_release(&twins);
}

TEST(calibrate_is_not_stopped_by_one_stalled_run)
{
    /* Every other run of the loop stalls 10 ms at its first operation, as a loaded
     * machine's preemption or a cold first run can: calibration goes on the shorter of
     * two runs, so a 5 ms target still needs thousands of these cheap operations (it
     * used to stop at the first, stalled, 1-operation run). */
    test_case t = make_case("import builtins, time\n"
                            "builtins._ib_runs = getattr(builtins, '_ib_runs', 0) + 1\n"
                            "stall = [builtins._ib_runs % 2]",
                            "stall and stall.pop() and time.sleep(0.01)", false, 0);
    loop_twins twins;
    REQUIRE(loop_compile(&t.def, 0, &twins) == 0);
    Py_ssize_t loops = 0;
    CHECK_EQ_INT(loop_calibrate(&twins, 5000000, &loops), 0);
    if (!CHECK(loops >= 100))
        printf("    loops = %zd\n", loops);
    loop_release(&twins);
}

TEST(calibrate_of_a_raising_statement_fails)
{
    test_case t = make_case("", "[][0]", false, 0);
    loop_twins twins;
    REQUIRE(loop_compile(&t.def, 0, &twins) == 0);
    Py_ssize_t loops = -1;
    CHECK_EQ_INT(loop_calibrate(&twins, 1000000, &loops), -1);
    CHECK_STR_EQ(embed_pending_exception(), "IndexError");
    PyErr_Clear();
    loop_release(&twins);
}

TEST(sample_ns_is_net_of_the_empty_loop)
{
    test_case t = make_case("import time", "time.sleep(0.0002)", false, 0);
    loop_twins twins;
    REQUIRE(loop_compile(&t.def, 0, &twins) == 0);
    double net_ns = -1.0;
    CHECK_EQ_INT(loop_sample_ns(&twins, 5, 3, &net_ns), 0);
    CHECK(net_ns >= 190000.0); /* 200 us asleep per op, less an empty loop's few ns */
    CHECK(net_ns < 50000000.0);
    CHECK_EQ_INT(loop_sample_ns(&twins, 5, 0, &net_ns), -1);
    CHECK_STR_EQ(embed_pending_exception(), "ValueError");
    PyErr_Clear();
    CHECK_EQ_INT(loop_sample_ns(&twins, 5, 65, &net_ns), -1);
    PyErr_Clear();
    loop_release(&twins);
}

/* Allocations per op of stmt after setup, over `loops` operations (after a warm-up). */
static int sample_allocs_in(bool module_scope, const char *setup, const char *stmt,
                            Py_ssize_t loops, double *allocs, double *bytes)
{
    test_case t = make_case(setup, stmt, module_scope, 0);
    loop_twins twins;
    if (loop_compile(&t.def, 0, &twins) != 0) {
        PyErr_Print();
        return -1;
    }
    int gc_was = interp_set_gc(0);
    int status = probe_alloc_install();
    if (status == 0) {
        status = loop_sample_allocs(&twins, loops, allocs, bytes); /* warm-up */
        if (status == 0)
            status = loop_sample_allocs(&twins, loops, allocs, bytes);
        probe_alloc_uninstall();
    }
    interp_set_gc(gc_was);
    if (status != 0)
        PyErr_Print();
    loop_release(&twins);
    return status;
}

static int sample_allocs(const char *setup, const char *stmt, Py_ssize_t loops,
                         double *allocs, double *bytes)
{
    return sample_allocs_in(false, setup, stmt, loops, allocs, bytes);
}

/* The raw counts of one run of a loop body between the marks (probe installed). */
static int run_counted(const loop_body *body, PyObject *n, Py_ssize_t loops, mark_span *span)
{
    if (probe_alloc_install() != 0)
        return -1;
    int status = loop_run(body, n, loops, span);
    probe_alloc_uninstall();
    return status;
}

TEST(sample_allocs_of_a_statement_that_allocates_nothing_is_zero)
{
    double allocs = -1.0, bytes = -1.0;
    REQUIRE(sample_allocs("", "None", 1000, &allocs, &bytes) == 0);
    CHECK_EQ_DOUBLE(allocs, 0.0);
    CHECK_EQ_DOUBLE(bytes, 0.0);
    REQUIRE(sample_allocs("x = 1; y = 1", "x is y", 1000, &allocs, &bytes) == 0);
    CHECK_EQ_DOUBLE(allocs, 0.0);
    CHECK_EQ_DOUBLE(bytes, 0.0);
}

TEST(sample_allocs_counts_one_kept_object_per_op)
{
    /* Each op makes one node (one request: object and gc header together) and keeps it
     * in a chain; nodes have no free list, so every op allocates, on every version. */
    double allocs = -1.0, bytes = -1.0;
    REQUIRE(sample_allocs("class Node(object):\n"
                          "    __slots__ = ('next',)\n"
                          "keep = None\n",
                          "node = Node(); node.next = keep; keep = node", 1000, &allocs,
                          &bytes) == 0);
    CHECK_EQ_DOUBLE(allocs, 1.0);
    CHECK(bytes >= (double)sizeof(PyObject) + sizeof(PyObject *));
}

TEST(sample_allocs_counts_amortised_growth_exactly)
{
    /* object() is one request; the deque takes a 64-slot block per 64 appends (its
     * first block has room for 32 on the right): 6400 appends need 100 new blocks.
     * Before 3.11 deques share one free list of 16 blocks, which the previous run's
     * deque refilled and this run's setup took one of: 15 blocks come without a
     * request. */
    double allocs = -1.0, bytes = -1.0;
    REQUIRE(sample_allocs("from collections import deque\nkeep = deque().append",
                          "keep(object())", 6400, &allocs, &bytes) == 0);
#if PY_VERSION_HEX >= 0x030B0000
    CHECK_EQ_DOUBLE(allocs, 1.0 + 1.0 / 64.0);
#else
    CHECK_EQ_DOUBLE(allocs, 1.0 + 85.0 / 6400.0);
#endif
    CHECK(bytes >= (double)sizeof(PyObject));
}

TEST(sample_allocs_is_net_of_the_setup)
{
    double allocs = -1.0, bytes = -1.0;
    REQUIRE(sample_allocs("big = [object() for _ in range(1000)]", "pass", 640, &allocs,
                          &bytes) == 0);
    CHECK_EQ_DOUBLE(allocs, 0.0);
    CHECK_EQ_DOUBLE(bytes, 0.0);
}

TEST(sample_allocs_subtracts_what_the_empty_loop_allocates)
{
    /* A profile function set by the setup runs inside the marks in both twins (on the
     * return from the start mark and the call of the stop mark) and allocates there:
     * the statement's net figure must still be exactly 0. */
    const char *setup = "import sys\n"
                        "log = []\n"
                        "def profiler(frame, event, arg):\n"
                        "    log.append([event])\n"
                        "sys.setprofile(profiler)\n";
    test_case t = make_case(setup, "None", false, 0);
    loop_twins twins;
    REQUIRE(loop_compile(&t.def, 0, &twins) == 0);
    mark_span span = {0, 0, 0};
    int status = run_counted(&twins.empty, twins.n, 64, &span);
    double allocs = -1.0, bytes = -1.0;
    if (status == 0)
        status = sample_allocs_in(false, setup, "None", 64, &allocs, &bytes);
    loop_release(&twins);
    REQUIRE(embed_run("import sys\nsys.setprofile(None)\n") == 0);
    REQUIRE(status == 0);
    CHECK(span.allocs > 0); /* else this test proves nothing */
    CHECK_EQ_DOUBLE(allocs, 0.0);
    CHECK_EQ_DOUBLE(bytes, 0.0);
}

int main(void)
{
    embed_start();
    RUN(statement_runs_exactly_loops_times);
    RUN(setup_runs_once_per_run_outside_the_loop);
    RUN(empty_twin_keeps_the_setup_and_drops_the_statement);
    RUN(raising_statement_fails_with_the_exception_set);
    RUN(statement_with_a_syntax_error_does_not_compile);
    RUN(indented_multi_line_setup_and_statement_are_dedented);
    RUN(blank_setup_and_statement_become_pass);
    RUN(function_scope_keeps_setup_names_local);
    RUN(module_scope_makes_setup_names_global);
    RUN(n_is_the_size_or_none);
    RUN(return_in_the_statement_is_an_error);
    RUN(yield_in_the_statement_is_an_error);
    RUN(break_in_the_statement_is_an_error);
    RUN(calibrate_finds_a_count_reaching_the_target);
    RUN(calibrate_is_not_stopped_by_one_stalled_run);
    RUN(calibrate_of_a_raising_statement_fails);
    RUN(sample_ns_is_net_of_the_empty_loop);
    RUN(sample_allocs_of_a_statement_that_allocates_nothing_is_zero);
    RUN(sample_allocs_counts_one_kept_object_per_op);
    RUN(sample_allocs_counts_amortised_growth_exactly);
    RUN(sample_allocs_is_net_of_the_setup);
    RUN(sample_allocs_subtracts_what_the_empty_loop_allocates);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
