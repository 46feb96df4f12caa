/* measure.c: compile → calibrate → time (Google Benchmark) → allocations, per case.
 * Each instrument runs in its own pass; the allocation hooks are installed only for
 * theirs, so they never slow the timed loops. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "measure.h"
#include "gbench_shim.h"
#include "interp.h"
#include "loop.h"
#include "probe_alloc.h"
#include "pyutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ALLOC_LOOPS 10000
#define MIN_ALLOC_LOOPS 10
#define MAX_ALLOC_SAMPLES 5 /* exact figures: more samples only repeat them */
#define SECONDS_TO_NS 1e9

/* State shared with the Google Benchmark callbacks while one case is timed. */
typedef struct timing {
    const loop_twins *twins;
    Py_ssize_t loops;
    int pairs;
    summary figures;     /* aggregates, in ns (cv a fraction) */
    int runs;            /* repetitions reported */
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
    return 0;
}

static void take_report(void *ctx, const gbench_run *run)
{
    timing *t = ctx;
    if (run->error_occurred) {
        if (t->error == NULL)
            t->error = strdup(run->error_message);
        return;
    }
    if (!run->is_aggregate) {
        t->runs++;
        return;
    }
    double ns = run->value * SECONDS_TO_NS;
    const char *name = run->aggregate_name;
    if (strcmp(name, "mean") == 0)
        t->figures.mean = ns;
    else if (strcmp(name, "median") == 0)
        t->figures.median = ns;
    else if (strcmp(name, "stddev") == 0)
        t->figures.stddev = ns;
    else if (strcmp(name, "cv") == 0)
        t->figures.cv = fabs(run->value); /* as stats.c: spread relative to |mean| */
    else if (strcmp(name, "min") == 0)
        t->figures.min = ns;
    else if (strcmp(name, "max") == 0)
        t->figures.max = ns;
}

static result_key key_of(const case_def *c, long n)
{
    result_key key = {c->family, c->name, c->sizes != NULL ? n : -1};
    return key;
}

static measure_outcome record_failure(results *r, const case_def *c, long n,
                                      const char *stage, const char *error,
                                      const char *traceback)
{
    printf("FAILED (%s): %s\n", stage, error);
    if (results_add_failure(r, key_of(c, n), stage, error, traceback) != 0)
        return MEASURE_FATAL;
    return MEASURE_FAILED;
}

/* Records the pending Python exception as the case's failure. */
static measure_outcome record_exception(results *r, const case_def *c, long n,
                                        const char *stage)
{
    char *error = NULL;
    char *traceback = pyutil_take_traceback(&error);
    measure_outcome outcome =
        record_failure(r, c, n, stage, error ? error : "exception", traceback);
    free(error);
    free(traceback);
    return outcome;
}

/* "  12.345 ns/op ± 1.2%", in ns, us, ms or s so that the figure stays readable. */
static void print_time(double median_ns, double cv)
{
    static const char *const units[] = {"ns", "us", "ms", "s"};
    double value = median_ns;
    size_t unit = 0;
    while (unit + 1 < sizeof units / sizeof *units && (value >= 10000.0 || value <= -10000.0)) {
        value /= 1000.0;
        unit++;
    }
    printf("%10.3f %s/op ±%4.1f%%", value, units[unit], cv * 100.0);
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
    timing t = {.twins = twins, .loops = loops, .pairs = settings->pairs};
    size_t ran = gbench_run_one(name, settings->repetitions, take_sample, &t, take_report, &t);
    measure_outcome outcome = MEASURE_DONE;
    if (ran == 0) {
        outcome = MEASURE_SKIPPED;
    } else if (t.error != NULL) {
        outcome = record_failure(r, c, n, "time", t.error, t.traceback);
    } else {
        t.figures.count = (size_t)t.runs;
        if (results_add_row(r, key_of(c, n), "time_per_op", "ns", &t.figures, (long)loops) != 0)
            outcome = MEASURE_FATAL;
        else
            print_time(t.figures.median, t.figures.cv);
    }
    free(t.traceback);
    free(t.error);
    return outcome;
}

/* Operations per allocation sample: fixed for a case and size, never taken from the
 * timing, so that amortised figures (a list's growth) are the same run after run.
 * Fewer for large n, so that a sample stays short. */
static Py_ssize_t allocation_loops(const case_def *c, long n)
{
    if (c->sizes == NULL || n <= 1)
        return MAX_ALLOC_LOOPS;
    long loops = MAX_ALLOC_LOOPS / n;
    return loops < MIN_ALLOC_LOOPS ? MIN_ALLOC_LOOPS : loops;
}

static measure_outcome count_allocations(const case_def *c, long n, const loop_twins *twins,
                                         const measure_settings *settings, results *r)
{
    Py_ssize_t loops = allocation_loops(c, n);
    size_t count = settings->repetitions < MAX_ALLOC_SAMPLES ? (size_t)settings->repetitions
                                                             : MAX_ALLOC_SAMPLES;
    double *allocs = calloc(count, sizeof *allocs);
    double *bytes = calloc(count, sizeof *bytes);
    if (allocs == NULL || bytes == NULL || probe_alloc_install() != 0) {
        free(allocs);
        free(bytes);
        return MEASURE_FATAL;
    }
    double warm_allocs, warm_bytes; /* one-time costs (caches, specialisation) */
    int status = loop_sample_allocs(twins, loops, &warm_allocs, &warm_bytes);
    /* A full collection before each sample empties the free lists, so that what ran
     * before (other cases, the timing pass) cannot change the count. */
    for (size_t i = 0; status == 0 && i < count; i++) {
        status = interp_collect();
        if (status == 0)
            status = loop_sample_allocs(twins, loops, &allocs[i], &bytes[i]);
    }
    probe_alloc_uninstall();

    measure_outcome outcome = MEASURE_DONE;
    summary allocs_summary, bytes_summary;
    if (status != 0) {
        outcome = record_exception(r, c, n, "allocs");
    } else if (stats_summarize(allocs, count, &allocs_summary) != 0 ||
               stats_summarize(bytes, count, &bytes_summary) != 0 ||
               results_add_row(r, key_of(c, n), "allocs_per_op", "allocs", &allocs_summary,
                               (long)loops) != 0 ||
               results_add_row(r, key_of(c, n), "bytes_per_op", "bytes", &bytes_summary,
                               (long)loops) != 0) {
        outcome = MEASURE_FATAL;
    } else {
        printf("  %8.3g allocs/op %10.4g B/op", allocs_summary.median, bytes_summary.median);
    }
    free(allocs);
    free(bytes);
    return outcome;
}

static measure_outcome measure_compiled(const case_def *c, long n, const loop_twins *twins,
                                        const measure_settings *settings, results *r)
{
    Py_ssize_t loops;
    if (loop_calibrate(twins, settings->target_ns, &loops) != 0)
        return record_exception(r, c, n, "calibrate");
    measure_outcome outcome = MEASURE_DONE;
    if (c->instruments & INSTRUMENT_TIME)
        outcome = time_case(c, n, twins, loops, settings, r);
    if (outcome != MEASURE_DONE || !(c->instruments & INSTRUMENT_ALLOCS))
        return outcome;
    if (!probe_alloc_available()) {
        printf("  allocs: unavailable (no allocator API in Python %s)", pyutil_version());
        return outcome;
    }
    return count_allocations(c, n, twins, settings, r);
}

measure_outcome measure_case(const case_def *c, long n, const measure_settings *settings,
                             results *r)
{
    loop_twins twins;
    if (loop_compile(c, n, &twins) != 0)
        return record_exception(r, c, n, "compile");
    int gc_was_enabled = interp_set_gc(c->gc_enabled);
    measure_outcome outcome = gc_was_enabled < 0 ? record_exception(r, c, n, "gc")
                                                 : measure_compiled(c, n, &twins, settings, r);
    if (gc_was_enabled >= 0)
        interp_set_gc(gc_was_enabled);
    loop_release(&twins);
    if (outcome == MEASURE_DONE)
        printf("\n");
    return outcome;
}
