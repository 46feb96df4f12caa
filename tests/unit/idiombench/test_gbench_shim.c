/* test_gbench_shim.c: the C face of Google Benchmark runs a timed function once per
 * repetition under the library's runner and hands back each repetition and the
 * aggregates over them; a failing sample is its repetition's error; --benchmark_* flags
 * are taken out of argv, and --benchmark_filter can leave a benchmark out. */
#include "gbench_shim.h"
#include "check.h"

#include <math.h>
#include <string.h>

#define MAX_RUNS 16

/* The samples a fake timer gives, one a call, and how often it was called. */
typedef struct timer {
    const double *seconds;
    size_t count;
    size_t calls;
    size_t fail_at; /* the call (1, 2...) that fails; 0: none */
} timer;

static int take_sample(void *ctx, double *seconds_per_op, char *err, size_t err_size)
{
    timer *t = ctx;
    t->calls++;
    if (t->calls == t->fail_at) {
        snprintf(err, err_size, "sample %zu failed", t->calls);
        return -1;
    }
    *seconds_per_op = t->seconds[(t->calls - 1) % t->count];
    return 0;
}

/* Every run reported, copied (the shim's strings live only during the call). */
typedef struct reported {
    size_t count;
    int is_aggregate[MAX_RUNS];
    char aggregate_name[MAX_RUNS][32];
    double value[MAX_RUNS];
    int error_occurred[MAX_RUNS];
    char error_message[MAX_RUNS][64];
} reported;

static void keep_run(void *ctx, const gbench_run *run)
{
    reported *r = ctx;
    if (r->count >= MAX_RUNS)
        return;
    size_t i = r->count++;
    r->is_aggregate[i] = run->is_aggregate;
    snprintf(r->aggregate_name[i], sizeof r->aggregate_name[i], "%s", run->aggregate_name);
    r->value[i] = run->value;
    r->error_occurred[i] = run->error_occurred;
    snprintf(r->error_message[i], sizeof r->error_message[i], "%s", run->error_message);
}

/* The value of the aggregate called name; NAN when it was not reported. */
static double aggregate(const reported *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->is_aggregate[i] && strcmp(r->aggregate_name[i], name) == 0)
            return r->value[i];
    return NAN;
}

static bool near(double actual, double expected)
{
    return fabs(actual - expected) <= 1e-9 * fabs(expected);
}

/* One benchmark of `repetitions` under the fake timer t; gbench_shim_run_one's count. */
static size_t run_benchmark(const char *name, int repetitions, timer *t, reported *r)
{
    memset(r, 0, sizeof *r);
    return gbench_shim_run_one(name, repetitions, take_sample, t, keep_run, r);
}

static const double one_three_two_ms[] = {1e-3, 3e-3, 2e-3};

TEST(each_repetition_calls_the_timer_once_and_is_reported_with_its_time)
{
    timer t = {one_three_two_ms, 3, 0, 0};
    reported r;
    CHECK_EQ_INT(run_benchmark("shim/three", 3, &t, &r), 1);
    CHECK_EQ_INT(t.calls, 3);
    size_t runs = 0;
    for (size_t i = 0; i < r.count; i++) {
        if (r.is_aggregate[i])
            continue;
        CHECK(near(r.value[i], one_three_two_ms[runs]));
        CHECK(!r.error_occurred[i]);
        runs++;
    }
    CHECK_EQ_INT(runs, 3);
}

TEST(the_aggregates_over_the_repetitions_follow_them)
{
    timer t = {one_three_two_ms, 3, 0, 0};
    reported r;
    REQUIRE(run_benchmark("shim/aggregates", 3, &t, &r) == 1);
    REQUIRE(r.count == 3 + 6);
    CHECK(!r.is_aggregate[0] && r.is_aggregate[3]);
    CHECK(near(aggregate(&r, "mean"), 2e-3));
    CHECK(near(aggregate(&r, "median"), 2e-3));
    CHECK(near(aggregate(&r, "stddev"), 1e-3));
    CHECK(near(aggregate(&r, "cv"), 0.5)); /* a fraction, not a time */
    CHECK(near(aggregate(&r, "min"), 1e-3));
    CHECK(near(aggregate(&r, "max"), 3e-3));
}

TEST(a_failing_sample_is_its_repetitions_error_and_the_others_still_run)
{
    timer t = {one_three_two_ms, 3, 0, 2};
    reported r;
    CHECK_EQ_INT(run_benchmark("shim/failing", 3, &t, &r), 1);
    CHECK_EQ_INT(t.calls, 3);
    size_t errors = 0;
    for (size_t i = 0; i < r.count; i++) {
        if (r.error_occurred[i]) {
            CHECK_STR_EQ(r.error_message[i], "sample 2 failed");
            errors++;
        }
    }
    CHECK_EQ_INT(errors, 1);
}

TEST(initialize_takes_the_benchmark_flags_out_of_argv)
{
    char *argv[] = {"idiombench", "--quick", "--benchmark_color=false", "--list", NULL};
    int argc = 4;
    char err[256] = "";
    REQUIRE(gbench_shim_initialize(&argc, argv, err, sizeof err) == 0);
    CHECK_EQ_INT(argc, 3);
    CHECK_STR_EQ(argv[1], "--quick");
    CHECK_STR_EQ(argv[2], "--list");
}

TEST(a_benchmark_the_filter_leaves_out_is_not_run)
{
    /* A benchmark's full name goes on with its settings: shim/kept/iterations:1/... */
    char *argv[] = {"idiombench", "--benchmark_filter=^shim/kept/", NULL};
    int argc = 2;
    char err[256] = "";
    REQUIRE(gbench_shim_initialize(&argc, argv, err, sizeof err) == 0);
    timer t = {one_three_two_ms, 3, 0, 0};
    reported r;
    CHECK_EQ_INT(run_benchmark("shim/other", 2, &t, &r), 0);
    CHECK_EQ_INT(t.calls, 0);
    CHECK_EQ_INT(r.count, 0);
    CHECK_EQ_INT(run_benchmark("shim/kept", 2, &t, &r), 1);
    CHECK_EQ_INT(t.calls, 2);
}

TEST(an_unknown_out_format_is_refused_with_one_line)
{
    char *argv[] = {"idiombench", "--benchmark_out=/dev/null", "--benchmark_out_format=csv",
                    NULL};
    int argc = 3;
    char err[256] = "";
    CHECK_EQ_INT(gbench_shim_initialize(&argc, argv, err, sizeof err), -1);
    CHECK_STR_STARTS(err, "--benchmark_out_format=csv is not supported");
    gbench_shim_finish();
}

TEST(the_build_type_is_debug_or_release)
{
    const char *type = gbench_shim_build_type();
    CHECK(strcmp(type, "debug") == 0 || strcmp(type, "release") == 0);
}

int main(void)
{
    char *argv[] = {"test_gbench_shim", NULL};
    int argc = 1;
    char err[256];
    if (gbench_shim_initialize(&argc, argv, err, sizeof err) != 0) {
        printf("FAIL gbench_shim_initialize: %s\n0 passed, 1 failed\n", err);
        return 1;
    }
    RUN(each_repetition_calls_the_timer_once_and_is_reported_with_its_time);
    RUN(the_aggregates_over_the_repetitions_follow_them);
    RUN(a_failing_sample_is_its_repetitions_error_and_the_others_still_run);
    RUN(initialize_takes_the_benchmark_flags_out_of_argv);
    RUN(a_benchmark_the_filter_leaves_out_is_not_run); /* the filter stays: run it last */
    RUN(an_unknown_out_format_is_refused_with_one_line);
    RUN(the_build_type_is_debug_or_release);
    gbench_shim_finish();
    return check_summary();
}
