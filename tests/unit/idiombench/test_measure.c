/* test_measure.c: measure_case runs the instruments a case asks for, in the table's
 * order, each adding its rows and its part of the progress line; a case that raises is
 * recorded as failed with its stage, and an instrument this run cannot use says so. */
#include "check.h"
#include "embed.h"
#include "gbench_shim.h"
#include "instruments.h"
#include "measure.h"
#include "probe_instructions.h"
#include "results.h"

#include <unistd.h>

static const measure_settings settings = {
    .repetitions = 3, .target_ns = 200000, .pairs = 1, .ci_target = 0, .case_budget_ns = 1e9};

static long sizes[] = {1, 10};

/* A case of family "fam" with no setup and no teardown; sized (n = 1, 10) when sized. */
static case_def make_case(const char *name, const char *setup, const char *stmt,
                          unsigned instruments, bool sized)
{
    case_def c;
    memset(&c, 0, sizeof c);
    c.family = "fam";
    c.name = (char *)name;
    c.setup = (char *)setup;
    c.stmt = (char *)stmt;
    c.teardown = "";
    c.source = "test_measure.c";
    c.instruments = instruments;
    if (sized) {
        c.sizes = sizes;
        c.size_count = 2;
    }
    return c;
}

/* What measure_case did with a case: its outcome, rows and progress line. */
typedef struct measured {
    results r;
    measure_outcome outcome;
    char line[2048]; /* what it printed */
    char rows[2048]; /* "metric unit;" per row, in order */
} measured;

/* measure_case, with what it prints captured in line. */
static measure_outcome measure_printing(const case_def *c, long n, results *r, char *line,
                                        size_t size)
{
    line[0] = '\0';
    fflush(stdout);
    FILE *captured = tmpfile();
    int saved = dup(STDOUT_FILENO);
    if (captured == NULL || saved < 0 || dup2(fileno(captured), STDOUT_FILENO) < 0)
        return MEASURE_FATAL;
    measure_outcome outcome = measure_case(c, n, &settings, r);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    rewind(captured);
    line[fread(line, 1, size - 1, captured)] = '\0';
    fclose(captured);
    return outcome;
}

/* Appends "name unit;" to out, which holds `*used` bytes. */
static void append_metric(char *out, size_t size, size_t *used, const char *name,
                          const char *unit)
{
    if (*used < size)
        *used += (size_t)snprintf(out + *used, size - *used, "%s %s;", name, unit);
}

/* Measures c at size n into m (results_free(&m->r) after). False when the results
 * cannot start. */
static bool measure_into(measured *m, const case_def *c, long n)
{
    if (results_init(&m->r, "3") != 0)
        return false;
    m->outcome = measure_printing(c, n, &m->r, m->line, sizeof m->line);
    size_t used = 0;
    m->rows[0] = '\0';
    for (size_t i = 0; i < m->r.row_count; i++)
        append_metric(m->rows, sizeof m->rows, &used, m->r.rows[i].metric, m->r.rows[i].unit);
    return true;
}

/* The metrics of the instruments in bits, in the table's order: "metric unit;" each. */
static void table_metrics(unsigned bits, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < instrument_table_size; i++) {
        const instrument *inst = instrument_table[i];
        for (size_t m = 0; (bits & inst->bit) && m < inst->metric_count; m++)
            append_metric(out, size, &used, inst->metrics[m].name, inst->metrics[m].unit);
    }
}

TEST(every_instrument_adds_its_rows_in_the_tables_order)
{
    REQUIRE(!probe_instructions_available()); /* a unit test does not run under callgrind */
    unsigned all = INSTRUMENT_TIME | INSTRUMENT_ALLOCS | INSTRUMENT_MEMORY |
                   INSTRUMENT_RESOURCES | INSTRUMENT_INSTRUCTIONS;
    case_def c = make_case("all", "", "x = [1, 2]", all, false);
    measured m;
    REQUIRE(measure_into(&m, &c, 0));
    CHECK_EQ_INT(m.outcome, MEASURE_DONE);
    char want[2048];
    table_metrics(all & ~INSTRUMENT_INSTRUCTIONS, want, sizeof want);
    CHECK_STR_EQ(m.rows, want);
    CHECK_STR_EQ(m.rows, "time_per_op ns;allocs_per_op allocs;bytes_per_op bytes;"
                         "retained_bytes bytes;peak_bytes bytes;rss_delta_bytes bytes;"
                         "fds_delta fds;resource_warnings warnings;"
                         "gc_collections_gen0 collections;gc_collections_gen1 collections;"
                         "gc_collections_gen2 collections;gc_collected objects;");
    REQUIRE(m.r.row_count == 12);
    CHECK(fabs(m.r.rows[1].figures.median - 1.0) < 0.01); /* the list: one allocation */
    CHECK_EQ_INT((int)m.r.rows[0].n, -1);
    CHECK_EQ_INT(m.r.failure_count, 0);
    CHECK_STR_CONTAINS(m.line, " ns/op ");
    CHECK_STR_CONTAINS(m.line, " allocs/op ");
    CHECK_STR_CONTAINS(m.line, "  retained ");
    CHECK_STR_CONTAINS(m.line, "  fds +0  rw 0  gc 0/0/0");
    snprintf(want, sizeof want, "  instructions: unavailable (%s)\n",
             probe_instructions_missing());
    CHECK_STR_CONTAINS(m.line, want);
    results_free(&m.r);
}

TEST(exact_passes_take_a_fixed_loop_count_per_size)
{
    case_def c = make_case("sized", "", "x = [0] * n", INSTRUMENT_ALLOCS | INSTRUMENT_MEMORY,
                           true);
    measured m;
    REQUIRE(measure_into(&m, &c, 10));
    CHECK_EQ_INT(m.outcome, MEASURE_DONE);
    CHECK_STR_EQ(m.rows, "allocs_per_op allocs;bytes_per_op bytes;"
                         "retained_bytes bytes;peak_bytes bytes;rss_delta_bytes bytes;");
    for (size_t i = 0; i < m.r.row_count; i++) {
        CHECK_EQ_INT(m.r.rows[i].n, 10);
        CHECK_EQ_INT(m.r.rows[i].loops, 1000); /* 10000 operations of n items / n */
        CHECK_EQ_INT(m.r.rows[i].sample_count, 3);
    }
    CHECK_STR_STARTS(m.line, "  ");
    CHECK(strstr(m.line, "ns/op") == NULL); /* no time pass */
    results_free(&m.r);
}

TEST(a_case_that_raises_is_a_failure_of_its_stage)
{
    case_def c = make_case("raises", "", "1/0", INSTRUMENT_TIME | INSTRUMENT_ALLOCS, false);
    measured m;
    REQUIRE(measure_into(&m, &c, 0));
    CHECK_EQ_INT(m.outcome, MEASURE_FAILED);
    CHECK_STR_EQ(m.line, "FAILED (calibrate): ZeroDivisionError: division by zero\n");
    CHECK_EQ_INT(m.r.row_count, 0);
    REQUIRE(m.r.failure_count == 1);
    CHECK_STR_EQ(m.r.failures[0].stage, "calibrate");
    CHECK_STR_EQ(m.r.failures[0].error, "ZeroDivisionError: division by zero");
    CHECK_STR_CONTAINS(m.r.failures[0].traceback, "ZeroDivisionError");
    results_free(&m.r);
}

TEST(a_failure_keeps_the_rows_before_it_and_stops_the_passes_after_it)
{
    case_def c = make_case("traced", "import tracemalloc",
                           "if tracemalloc.is_tracing(): 1/0",
                           INSTRUMENT_ALLOCS | INSTRUMENT_MEMORY | INSTRUMENT_RESOURCES,
                           false);
    measured m;
    REQUIRE(measure_into(&m, &c, 0));
    CHECK_EQ_INT(m.outcome, MEASURE_FAILED);
    CHECK_STR_EQ(m.rows, "allocs_per_op allocs;bytes_per_op bytes;");
    CHECK_STR_CONTAINS(m.line, " B/op");
    CHECK_STR_CONTAINS(m.line, "FAILED (memory): ZeroDivisionError: division by zero\n");
    REQUIRE(m.r.failure_count == 1);
    CHECK_STR_EQ(m.r.failures[0].stage, "memory");
    results_free(&m.r);
}

TEST(an_instrument_this_run_cannot_use_says_so_and_adds_no_row)
{
    REQUIRE(!probe_instructions_available());
    case_def c = make_case("counted", "", "pass", INSTRUMENT_INSTRUCTIONS, false);
    measured m;
    REQUIRE(measure_into(&m, &c, 0));
    CHECK_EQ_INT(m.outcome, MEASURE_DONE);
    char want[512];
    snprintf(want, sizeof want, "  instructions: unavailable (%s)\n",
             probe_instructions_missing());
    CHECK_STR_EQ(m.line, want);
    CHECK_EQ_INT(m.r.row_count + m.r.failure_count, 0);
    results_free(&m.r);
}

TEST(a_case_for_a_newer_python_is_not_run)
{
    case_def c = make_case("newer", "", "1/0", INSTRUMENT_TIME, false);
    c.min_python_major = 99;
    c.min_python_minor = 0;
    c.min_python_needs = "the future";
    measured m;
    REQUIRE(measure_into(&m, &c, 0));
    CHECK_EQ_INT(m.outcome, MEASURE_UNSUPPORTED);
    CHECK_STR_EQ(m.line, "skipped: needs Python 99.0+ (the future)\n");
    CHECK_EQ_INT(m.r.row_count + m.r.failure_count, 0);
    results_free(&m.r);
}

int main(void)
{
    char name[] = "test_measure";
    char *argv[] = {name, NULL};
    int argc = 1;
    char err[256];
    embed_start();
    if (gbench_shim_initialize(&argc, argv, err, sizeof err) != 0) {
        printf("FAIL gbench_initialize: %s\n0 passed, 1 failed\n", err);
        return 1;
    }
    RUN(every_instrument_adds_its_rows_in_the_tables_order);
    RUN(exact_passes_take_a_fixed_loop_count_per_size);
    RUN(a_case_that_raises_is_a_failure_of_its_stage);
    RUN(a_failure_keeps_the_rows_before_it_and_stops_the_passes_after_it);
    RUN(an_instrument_this_run_cannot_use_says_so_and_adds_no_row);
    RUN(a_case_for_a_newer_python_is_not_run);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
