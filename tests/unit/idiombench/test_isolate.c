/* test_isolate.c: isolate.c runs each unit (a case at a size, an observation) in a child
 * process of its own: what the child measured reaches the parent's results, a child that
 * crashes or outlives its time limit is recorded as failed and the run goes on, and what
 * a unit does to its process stays there. */
#include "isolate.h"
#include "check.h"
#include "embed.h"

#include <string.h>

#define MAX_OUTCOMES 8

/* What the parent's after() saw: each unit's outcome, in order. */
typedef struct seen {
    measure_outcome outcomes[MAX_OUTCOMES];
    size_t count;
    size_t stop_after; /* after() asks to stop once it has seen this many; 0: never */
} seen;

static int record_outcome(void *ctx, measure_outcome outcome)
{
    seen *s = ctx;
    if (s->count < MAX_OUTCOMES)
        s->outcomes[s->count] = outcome;
    s->count++;
    return s->stop_after != 0 && s->count >= s->stop_after ? -1 : 0;
}

/* A case counting allocations only: quick, and no Google Benchmark run. */
static case_def allocs_case(const char *name, const char *setup, const char *stmt)
{
    case_def c;
    memset(&c, 0, sizeof c);
    c.family = "isolated";
    c.name = (char *)name;
    c.setup = (char *)setup;
    c.stmt = (char *)stmt;
    c.teardown = "";
    c.source = "test_isolate.c";
    c.instruments = INSTRUMENT_ALLOCS;
    return c;
}

/* One isolate_run: the results it filled, the outcomes after() saw, its status. */
typedef struct ran {
    results res;
    seen seen;
    int status;
    char err[256];
} ran;

/* Runs the units (each case's allocations, twice) into out; stop_after as seen's. */
static void run_units(ran *out, const isolate_unit *units, size_t count, int timeout_s,
                      size_t stop_after)
{
    isolate_plan plan = {units, count, {.repetitions = 2, .target_ns = 100000, .pairs = 1},
                         timeout_s};
    memset(out, 0, sizeof *out);
    out->seen.stop_after = stop_after;
    out->status = results_init(&out->res, "test") == 0
                      ? isolate_run(&plan, &out->res, record_outcome, &out->seen, out->err,
                                    sizeof out->err)
                      : -2;
}

/* Runs case c alone, with a time limit of timeout_s. */
static void run_case(ran *out, const case_def *c, int timeout_s)
{
    isolate_unit unit = {c, -1, NULL};
    run_units(out, &unit, 1, timeout_s, 0);
}

TEST(a_case_measured_in_a_child_reaches_the_parents_results)
{
    case_def c = allocs_case("list", "", "x = [1, 2]");
    ran r;
    run_case(&r, &c, 60);
    REQUIRE(r.status == 0);
    CHECK_STR_EQ(r.err, "");
    CHECK_EQ_INT(r.seen.count, 1);
    CHECK_EQ_INT(r.seen.outcomes[0], MEASURE_DONE);
    CHECK_EQ_INT(r.res.failure_count, 0);
    REQUIRE(r.res.row_count >= 1);
    CHECK_STR_EQ(r.res.rows[0].family, "isolated");
    CHECK_STR_EQ(r.res.rows[0].case_name, "list");
    CHECK_EQ_INT(r.res.rows[0].n, -1);
    CHECK_STR_EQ(r.res.rows[0].metric, "allocs_per_op");
    CHECK_EQ_INT(r.res.rows[0].sample_count, 2);
    results_free(&r.res);
}

TEST(a_crash_is_recorded_as_a_failure_and_the_next_unit_runs)
{
    /* abort(): a crash ASan lets through as it is (it catches SIGSEGV itself) */
    case_def crash = allocs_case("crash", "import os", "os.abort()");
    case_def fine = allocs_case("fine", "", "x = [1]");
    isolate_unit units[] = {{&crash, -1, NULL}, {&fine, -1, NULL}};
    ran r;
    run_units(&r, units, 2, 60, 0);
    REQUIRE(r.status == 0);
    CHECK_EQ_INT(r.seen.count, 2);
    CHECK_EQ_INT(r.seen.outcomes[0], MEASURE_FAILED);
    CHECK_EQ_INT(r.seen.outcomes[1], MEASURE_DONE);
    REQUIRE(r.res.failure_count == 1);
    CHECK_STR_EQ(r.res.failures[0].case_name, "crash");
    CHECK_STR_EQ(r.res.failures[0].stage, "process");
    CHECK_STR_CONTAINS(r.res.failures[0].error, "SIGABRT");
#if PY_MAJOR_VERSION >= 3 /* faulthandler's traceback; 2.7 has none */
    CHECK_STR_CONTAINS(r.res.failures[0].traceback, "File \"<isolated/crash>\"");
#endif
    REQUIRE(r.res.row_count >= 1);
    CHECK_STR_EQ(r.res.rows[0].case_name, "fine");
    results_free(&r.res);
}

TEST(a_unit_over_its_time_limit_is_recorded_as_timed_out)
{
    case_def hang = allocs_case("hang", "", "while True: pass");
    ran r;
    run_case(&r, &hang, 1);
    REQUIRE(r.status == 0);
    CHECK_EQ_INT(r.seen.count, 1);
    CHECK_EQ_INT(r.seen.outcomes[0], MEASURE_FAILED);
    REQUIRE(r.res.failure_count == 1);
    CHECK_STR_EQ(r.res.failures[0].stage, "process");
    CHECK_STR_STARTS(r.res.failures[0].error, "timed out after 1 s (--case-timeout)");
    results_free(&r.res);
}

TEST(an_observation_runs_in_a_child_and_its_value_is_recorded)
{
    observation_def o = {"isolated", "answer", "result = 6 * 7", "test_isolate.c"};
    isolate_unit units[] = {{NULL, -1, &o}};
    ran r;
    run_units(&r, units, 1, 60, 0);
    REQUIRE(r.status == 0);
    CHECK_EQ_INT(r.seen.count, 1);
    REQUIRE(r.res.observation_count == 1);
    CHECK_STR_EQ(r.res.observations[0].name, "answer");
    CHECK_STR_EQ(r.res.observations[0].value, "42");
    CHECK_STR_EQ(r.res.observations[0].error, "");
    results_free(&r.res);
}

TEST(what_a_unit_does_to_its_process_stays_in_its_child)
{
    case_def leak = allocs_case("leak", "import builtins", "builtins.isolate_leaked = 1");
    ran r;
    run_case(&r, &leak, 60);
    REQUIRE(r.status == 0);
    CHECK_EQ_INT(r.seen.outcomes[0], MEASURE_DONE);
    CHECK_EQ_INT(embed_eval_long("int(hasattr(__import__('builtins'), 'isolate_leaked'))"),
                 0);
    results_free(&r.res);
}

TEST(after_asking_to_stop_ends_the_run_with_no_message)
{
    case_def a = allocs_case("a", "", "x = 1");
    case_def b = allocs_case("b", "", "x = 2");
    isolate_unit units[] = {{&a, -1, NULL}, {&b, -1, NULL}};
    ran r;
    run_units(&r, units, 2, 60, 1);
    CHECK_EQ_INT(r.status, -1);
    CHECK_STR_EQ(r.err, "");
    CHECK_EQ_INT(r.seen.count, 1);
    results_free(&r.res);
}

int main(void)
{
    embed_start();
    RUN(a_case_measured_in_a_child_reaches_the_parents_results);
    RUN(a_crash_is_recorded_as_a_failure_and_the_next_unit_runs);
    RUN(a_unit_over_its_time_limit_is_recorded_as_timed_out);
    RUN(an_observation_runs_in_a_child_and_its_value_is_recorded);
    RUN(what_a_unit_does_to_its_process_stays_in_its_child);
    RUN(after_asking_to_stop_ends_the_run_with_no_message);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
