/* instrument_time.c: the time pass: calibrate, then time with Google Benchmark, in
 * batches until the median's interval is narrow enough or the case's budget is spent.
 * time_per_op, in ns, net of the empty loop. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "instrument.h"

#include "clock.h"
#include "gbench_shim.h"
#include "pyutil.h"
#include "sampling.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TIME_SAMPLES 1000 /* pooled over a time pass's batches, at most */
#define SECONDS_TO_NS 1e9

static const instrument_metric time_metrics[] = {
    {"time_per_op", "ns", NULL, NULL, NULL},
};

/* State shared with the Google Benchmark callbacks while one batch of a case is timed. */
typedef struct timing {
    const loop_twins *twins;
    Py_ssize_t loops;
    int pairs;
    int runs;            /* repetitions reported in this batch */
    bool aggregated;     /* Google Benchmark reported aggregates (2+ repetitions) */
    double *kept_ns;     /* the last MAX_TIME_SAMPLES samples handed over, a ring */
    size_t taken;        /* samples handed over in this batch (warm-up runs included) */
    char *traceback;     /* set when a sample raised */
    char *error;         /* the failure's one line */
} timing;

static int take_sample(void *ctx, double *seconds_per_op, char *err, size_t err_size)
{
    timing *t = ctx;
    double net_ns;
    if (loop_sample_ns(t->twins, t->loops, t->pairs, &net_ns) != 0) {
        free(t->traceback);
        free(t->error);
        t->traceback = pyutil_take_traceback(&t->error);
        snprintf(err, err_size, "%s", t->error ? t->error : "exception");
        return -1;
    }
    *seconds_per_op = net_ns / SECONDS_TO_NS;
    /* As Google Benchmark reports it back (one iteration: its total is this figure). */
    t->kept_ns[t->taken++ % MAX_TIME_SAMPLES] = *seconds_per_op * SECONDS_TO_NS;
    return 0;
}

/* Appends the batch's repetitions to pool (from *pooled on): the last `count` samples
 * handed over, as Google Benchmark runs any warm-up before them. Returns how many. */
static size_t pool_batch(const timing *t, size_t count, double *pool, size_t pooled)
{
    if (count > t->taken)
        count = t->taken;
    if (count > MAX_TIME_SAMPLES - pooled)
        count = MAX_TIME_SAMPLES - pooled;
    for (size_t k = 0; k < count; k++)
        pool[pooled + k] = t->kept_ns[(t->taken - count + k) % MAX_TIME_SAMPLES];
    return count;
}

/* Google Benchmark's runs and aggregates: the samples themselves come from
 * take_sample; the aggregates only say that the batch was summarised. */
static void take_report(void *ctx, const gbench_run *run)
{
    timing *t = ctx;
    if (run->error_occurred) {
        if (t->error == NULL)
            t->error = strdup(run->error_message);
        return;
    }
    if (run->is_aggregate)
        t->aggregated = true;
    else
        t->runs++;
}

/* "  12.345 ns/op ± 1.2% n=12": the median, in ns, us, ms or s so that it stays
 * readable, the half-width of its 95% interval relative to it and the samples, then
 * "unstable" when that half-width exceeds ±10%. */
static void print_time(const summary *figures)
{
    static const char *const units[] = {"ns", "us", "ms", "s"};
    double value = figures->median;
    size_t unit = 0;
    while (unit + 1 < sizeof units / sizeof *units && (value >= 10000.0 || value <= -10000.0)) {
        value /= 1000.0;
        unit++;
    }
    double halfwidth = stats_ci_relative_halfwidth(figures) * 100.0;
    if (isinf(halfwidth))
        printf("%10.3f %s/op ±  inf%% n=%-3zu", value, units[unit], figures->count);
    else
        printf("%10.3f %s/op ±%4.1f%% n=%-3zu", value, units[unit], halfwidth, figures->count);
    if (sampling_unstable(figures))
        printf(" unstable");
}

/* The time pass's progress: the samples pooled over its batches. */
typedef struct time_pool {
    const char *name;   /* Google Benchmark's name of the case */
    double *samples_ns; /* MAX_TIME_SAMPLES, in the order taken */
    summary figures;    /* of the samples so far */
    int64_t spent_ns;   /* wall time of the batches so far */
} time_pool;

typedef enum batch_status { BATCH_DONE, BATCH_FILTERED, BATCH_FAILED, BATCH_NO_FIGURES } batch_status;

/* Runs one batch of `count` samples under Google Benchmark and pools them. */
static batch_status time_batch(timing *t, size_t count, time_pool *pool)
{
    t->runs = 0;
    t->aggregated = false;
    t->taken = 0;
    int64_t start_ns = clock_now_ns();
    size_t ran = gbench_shim_run_one(pool->name, (int)count, take_sample, t, take_report, t);
    pool->spent_ns += clock_now_ns() - start_ns;
    if (ran == 0)
        return BATCH_FILTERED;
    if (t->error != NULL)
        return BATCH_FAILED;
    if (!t->aggregated && t->runs != 1)
        return BATCH_NO_FIGURES;
    /* Google Benchmark may report only the aggregates: then every repetition ran. */
    size_t reported = t->runs > 0 ? (size_t)t->runs : count;
    size_t pooled = pool->figures.count;
    pooled += pool_batch(t, reported, pool->samples_ns, pooled);
    return stats_summarize(pool->samples_ns, pooled, &pool->figures) == 0 ? BATCH_DONE
                                                                          : BATCH_FAILED;
}

/* The first batch (settings->repetitions samples), then more while sampling.h asks
 * for them: adaptive sampling, each batch a Google Benchmark run of its own. */
static batch_status time_batches(timing *t, const measure_settings *settings, time_pool *pool)
{
    sampling_plan plan = {.first = (size_t)settings->repetitions,
                          .ci_target = settings->ci_target,
                          .budget_ns = settings->case_budget_ns,
                          .most = MAX_TIME_SAMPLES};
    batch_status status = time_batch(t, plan.first, pool);
    size_t more;
    while (status == BATCH_DONE &&
           (more = sampling_next_batch(&plan, &pool->figures, (double)pool->spent_ns)) > 0)
        status = time_batch(t, more, pool);
    return status;
}

static measure_outcome time_case(const case_def *c, long n, const loop_twins *twins,
                                 Py_ssize_t loops, const measure_settings *settings,
                                 results *r)
{
    char name[512];
    if (c->sizes != NULL)
        snprintf(name, sizeof name, "%s/%s/%ld", c->family, c->name, n);
    else
        snprintf(name, sizeof name, "%s/%s", c->family, c->name);
    timing t = {.twins = twins, .loops = loops, .pairs = settings->pairs,
                .kept_ns = calloc(MAX_TIME_SAMPLES, sizeof(double))};
    time_pool pool = {.name = name, .samples_ns = calloc(MAX_TIME_SAMPLES, sizeof(double))};
    if (t.kept_ns == NULL || pool.samples_ns == NULL) {
        free(t.kept_ns);
        free(pool.samples_ns);
        return MEASURE_FATAL;
    }
    batch_status status = time_batches(&t, settings, &pool);
    measure_outcome outcome = MEASURE_DONE;
    if (status == BATCH_FILTERED && pool.figures.count == 0) {
        outcome = MEASURE_SKIPPED;
    } else if (t.error != NULL) {
        outcome = instrument_failed(r, c, n, "time", t.error, t.traceback);
    } else if (status == BATCH_NO_FIGURES) {
        outcome = instrument_failed(r, c, n, "time", "Google Benchmark reported no figures "
                                    "(a --benchmark_* flag hid them?)", "");
    } else if (status == BATCH_FAILED ||
               results_add_sampled_row(r, results_key_of_case(c, n), time_metrics[0].name,
                                       time_metrics[0].unit, &pool.figures,
                                       pool.samples_ns, pool.figures.count, (long)loops) != 0) {
        outcome = MEASURE_FATAL;
    } else {
        print_time(&pool.figures);
    }
    free(pool.samples_ns);
    free(t.kept_ns);
    free(t.traceback);
    free(t.error);
    return outcome;
}

/* Calibration serves the timing alone: the other passes use fixed loop counts. The
 * stage board says STAGE_CALIBRATE (the instrument's pass) until it is done. */
static measure_outcome calibrate_and_time(const case_def *c, long n, const loop_twins *twins,
                                          const measure_settings *settings, results *r)
{
    Py_ssize_t loops;
    if (loop_calibrate(twins, settings->target_ns, &loops) != 0)
        return instrument_raised(r, c, n, "calibrate");
    stage_set_pass(STAGE_TIME);
    return time_case(c, n, twins, loops, settings, r);
}

const instrument instrument_time = {
    .name = "time",
    .bit = INSTRUMENT_TIME,
    .pass = STAGE_CALIBRATE, /* then STAGE_TIME, once calibrated */
    .metrics = time_metrics,
    .metric_count = sizeof time_metrics / sizeof *time_metrics,
    .measure = calibrate_and_time,
};
