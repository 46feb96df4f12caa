/* measure.c: compile → calibrate → time (Google Benchmark, in batches until the median's
 * interval is narrow enough or the case's budget is spent) → allocations → memory →
 * resources, per case. Each instrument runs in its own pass; the allocation hooks and
 * tracemalloc are on only during theirs, so they never slow the timed loops. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "measure.h"
#include "clock.h"
#include "gbench_shim.h"
#include "interp.h"
#include "loop.h"
#include "probe_alloc.h"
#include "probe_instructions.h"
#include "probe_memory.h"
#include "probe_resources.h"
#include "pyutil.h"
#include "sampling.h"
#include "stage.h"
#include "unavailable.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ALLOC_LOOPS 10000
#define MIN_ALLOC_LOOPS 10
#define MAX_INSTRUCTION_SAMPLES 2 /* exact counts: more would only cost time */
#define INSTRUCTION_OPS 1000      /* operations of n items per counted loop, at most */
#define MAX_ALLOC_SAMPLES 5 /* exact figures: more samples only repeat them */
#define MAX_SAMPLE_METRICS 6
#define MAX_TIME_SAMPLES 1000 /* pooled over a time pass's batches, at most */
#define SECONDS_TO_NS 1e9
#define REASON_BYTES 256

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
        outcome = record_failure(r, c, n, "time", t.error, t.traceback);
    } else if (status == BATCH_NO_FIGURES) {
        outcome = record_failure(r, c, n, "time", "Google Benchmark reported no figures "
                                 "(a --benchmark_* flag hid them?)", "");
    } else if (status == BATCH_FAILED ||
               results_add_sampled_row(r, key_of(c, n), "time_per_op", "ns", &pool.figures,
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

/* Samples of an exact (not timed) pass. */
static size_t sample_count(const measure_settings *settings)
{
    return settings->repetitions < MAX_ALLOC_SAMPLES ? (size_t)settings->repetitions
                                                     : MAX_ALLOC_SAMPLES;
}

/* Operations per sample of an exact pass: fixed for a case and size, never taken from
 * the timing, so that amortised figures (a list's growth) are the same run after run.
 * `most` for an unsized case, most / n for a sized one (a sample stays short), at least
 * `least`. */
static Py_ssize_t fixed_loops(const case_def *c, long n, long most, long least)
{
    if (c->sizes == NULL || n <= 1)
        return most;
    long loops = most / n;
    return loops < least ? least : loops;
}

/* Operations per allocation sample (and per memory and resources run). */
static Py_ssize_t allocation_loops(const case_def *c, long n)
{
    return fixed_loops(c, n, MAX_ALLOC_LOOPS, MIN_ALLOC_LOOPS);
}

static measure_outcome count_allocations(const case_def *c, long n, const loop_twins *twins,
                                         const measure_settings *settings, results *r)
{
    Py_ssize_t loops = allocation_loops(c, n);
    size_t count = sample_count(settings);
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
               results_add_sampled_row(r, key_of(c, n), "allocs_per_op", "allocs",
                                       &allocs_summary, allocs, count, (long)loops) != 0 ||
               results_add_sampled_row(r, key_of(c, n), "bytes_per_op", "bytes",
                                       &bytes_summary, bytes, count, (long)loops) != 0) {
        outcome = MEASURE_FATAL;
    } else {
        printf("  %8.3g allocs/op %10.4g B/op", allocs_summary.median, bytes_summary.median);
    }
    free(allocs);
    free(bytes);
    return outcome;
}

/* The samples of a per-run pass (memory, resources): values[metric][sample]. */
typedef struct samples {
    double values[MAX_SAMPLE_METRICS][MAX_ALLOC_SAMPLES];
    size_t count;
} samples;

typedef struct metric_def {
    const char *name, *unit;
} metric_def;

/* Summarises each metric whose present[m] is true, adds its row with its samples and
 * puts its median in medians[m]. Returns 0, or -1 (memory). */
static int add_sample_rows(results *r, result_key key, const metric_def *defs,
                           const bool *present, size_t metrics, const samples *s, long loops,
                           double *medians)
{
    for (size_t m = 0; m < metrics; m++) {
        summary figures;
        if (!present[m])
            continue;
        if (stats_summarize(s->values[m], s->count, &figures) != 0 ||
            results_add_sampled_row(r, key, defs[m].name, defs[m].unit, &figures,
                                    s->values[m], s->count, loops) != 0)
            return -1;
        medians[m] = figures.median;
    }
    return 0;
}

enum { MEMORY_RETAINED, MEMORY_PEAK, MEMORY_RSS, MEMORY_METRICS };

static const metric_def memory_metrics[MEMORY_METRICS] = {
    [MEMORY_RETAINED] = {"retained_bytes", "bytes"},
    [MEMORY_PEAK] = {"peak_bytes", "bytes"},
    [MEMORY_RSS] = {"rss_delta_bytes", "bytes"},
};

/* A warm-up run (one-time costs: caches, specialisation), then s->count samples. */
static int memory_samples(const loop_twins *twins, Py_ssize_t loops, samples *s)
{
    memory_figures f;
    int status = probe_memory_begin();
    if (status == 0)
        status = probe_memory_sample(twins, loops, &f);
    for (size_t i = 0; status == 0 && i < s->count; i++) {
        if ((status = probe_memory_sample(twins, loops, &f)) != 0)
            break;
        s->values[MEMORY_RETAINED][i] = f.retained_bytes;
        s->values[MEMORY_PEAK][i] = f.peak_bytes;
        s->values[MEMORY_RSS][i] = f.rss_delta_bytes;
    }
    probe_memory_end();
    return status;
}

/* retained_bytes, peak_bytes and rss_delta_bytes: per run of `loops` operations. */
static measure_outcome measure_memory(const case_def *c, long n, const loop_twins *twins,
                                      const measure_settings *settings, results *r)
{
    char reason[REASON_BYTES];
    if (unavailable_metric("retained_bytes", pyutil_version(), reason, sizeof reason)) {
        printf("  memory: unavailable (%s)", reason);
        return MEASURE_DONE;
    }
    Py_ssize_t loops = allocation_loops(c, n);
    samples s = {.count = sample_count(settings)};
    if (memory_samples(twins, loops, &s) != 0)
        return record_exception(r, c, n, "memory");
    static const bool all[MEMORY_METRICS] = {true, true, true};
    double medians[MEMORY_METRICS];
    if (add_sample_rows(r, key_of(c, n), memory_metrics, all, MEMORY_METRICS, &s, (long)loops,
                        medians) != 0)
        return MEASURE_FATAL;
    printf("  retained %.3g B  peak %.3g B  rss %+.3g B", medians[MEMORY_RETAINED],
           medians[MEMORY_PEAK], medians[MEMORY_RSS]);
    return MEASURE_DONE;
}

enum { RES_FDS, RES_WARNINGS, RES_GEN0, RES_GEN1, RES_GEN2, RES_COLLECTED, RES_METRICS };

static const metric_def resource_metrics[RES_METRICS] = {
    [RES_FDS] = {"fds_delta", "fds"},
    [RES_WARNINGS] = {"resource_warnings", "warnings"},
    [RES_GEN0] = {"gc_collections_gen0", "collections"},
    [RES_GEN1] = {"gc_collections_gen1", "collections"},
    [RES_GEN2] = {"gc_collections_gen2", "collections"},
    [RES_COLLECTED] = {"gc_collected", "objects"},
};

/* A warm-up run, then s->count samples. */
static int resource_samples(const loop_twins *twins, Py_ssize_t loops, samples *s)
{
    resource_figures f;
    int status = probe_resources_sample(twins, loops, &f);
    for (size_t i = 0; status == 0 && i < s->count; i++) {
        if ((status = probe_resources_sample(twins, loops, &f)) != 0)
            break;
        s->values[RES_FDS][i] = f.fds_delta;
        s->values[RES_WARNINGS][i] = f.resource_warnings;
        for (int g = 0; g < PROBE_GC_GENERATIONS; g++)
            s->values[RES_GEN0 + g][i] = f.collections[g];
        s->values[RES_COLLECTED][i] = f.collected;
    }
    return status;
}

/* fds_delta, resource_warnings and the collector's counts: per run of `loops`
 * operations (the allocation pass's fixed count). */
static measure_outcome measure_resources(const case_def *c, long n, const loop_twins *twins,
                                         const measure_settings *settings, results *r)
{
    Py_ssize_t loops = allocation_loops(c, n);
    samples s = {.count = sample_count(settings)};
    if (resource_samples(twins, loops, &s) != 0)
        return record_exception(r, c, n, "resources");
    bool present[RES_METRICS];
    char reasons[RES_METRICS][REASON_BYTES];
    for (size_t m = 0; m < RES_METRICS; m++)
        present[m] = !unavailable_metric(resource_metrics[m].name, pyutil_version(),
                                         reasons[m], sizeof reasons[m]);
    double medians[RES_METRICS] = {0};
    if (add_sample_rows(r, key_of(c, n), resource_metrics, present, RES_METRICS, &s,
                        (long)loops, medians) != 0)
        return MEASURE_FATAL;
    printf("  fds %+g", medians[RES_FDS]);
    if (present[RES_WARNINGS])
        printf("  rw %g", medians[RES_WARNINGS]);
    else
        printf("  rw: unavailable (%s)", reasons[RES_WARNINGS]);
    if (present[RES_GEN0])
        printf("  gc %g/%g/%g", medians[RES_GEN0], medians[RES_GEN1], medians[RES_GEN2]);
    else
        printf("  gc: unavailable (%s)", reasons[RES_GEN0]);
    return MEASURE_DONE;
}

static measure_outcome measure_allocs(const case_def *c, long n, const loop_twins *twins,
                                      const measure_settings *settings, results *r)
{
    char reason[REASON_BYTES];
    if (unavailable_metric("allocs_per_op", pyutil_version(), reason, sizeof reason)) {
        printf("  allocs: unavailable (%s)", reason);
        return MEASURE_DONE;
    }
    return count_allocations(c, n, twins, settings, r);
}

/* Instructions per operation under callgrind: an uncounted warm-up run of both twins
 * (3.11+ specialises byte code as it runs), then two samples at a fixed loop count (1000
 * operations, or 1000 / n for a sized case, at least 1), each differenced against half
 * as many operations (probe_instructions_sample). Counts are exact; a statement that
 * allocates or hashes addresses can still differ a little between samples, as the
 * heap's state moves on. */
static measure_outcome measure_instructions(const case_def *c, long n,
                                            const loop_twins *twins,
                                            const measure_settings *settings, results *r)
{
    char reason[REASON_BYTES];
    if (unavailable_metric("instructions_per_op", pyutil_version(), reason, sizeof reason)) {
        printf("  instructions: unavailable (%s)", reason);
        return MEASURE_DONE;
    }
    /* Exact counts need no long loop: callgrind runs code 50 times slower. */
    Py_ssize_t loops = fixed_loops(c, n, INSTRUCTION_OPS, 1);
    size_t count = sample_count(settings) < MAX_INSTRUCTION_SAMPLES
                       ? sample_count(settings) : MAX_INSTRUCTION_SAMPLES;
    double values[MAX_INSTRUCTION_SAMPLES];
    int status = probe_instructions_warm_up(twins, loops);
    probe_instructions_instrument(true);
    for (size_t i = 0; status == 0 && i < count; i++)
        status = probe_instructions_sample(twins, loops, &values[i]);
    probe_instructions_instrument(false);
    if (status != 0)
        return record_exception(r, c, n, "instructions");
    summary figures;
    if (stats_summarize(values, count, &figures) != 0 ||
        results_add_sampled_row(r, key_of(c, n), "instructions_per_op", "instructions",
                                &figures, values, count, (long)loops) != 0)
        return MEASURE_FATAL;
    printf("  %10.1f instr/op", figures.median);
    return MEASURE_DONE;
}

/* Calibration serves the timing alone: the other passes use fixed loop counts. */
static measure_outcome calibrate_and_time(const case_def *c, long n, const loop_twins *twins,
                                          const measure_settings *settings, results *r)
{
    Py_ssize_t loops;
    stage_set_pass(STAGE_CALIBRATE);
    if (loop_calibrate(twins, settings->target_ns, &loops) != 0)
        return record_exception(r, c, n, "calibrate");
    stage_set_pass(STAGE_TIME);
    return time_case(c, n, twins, loops, settings, r);
}

static measure_outcome measure_compiled(const case_def *c, long n, const loop_twins *twins,
                                        const measure_settings *settings, results *r)
{
    measure_outcome outcome = MEASURE_DONE;
    if (c->instruments & INSTRUMENT_TIME)
        outcome = calibrate_and_time(c, n, twins, settings, r);
    if (outcome == MEASURE_DONE && (c->instruments & INSTRUMENT_ALLOCS)) {
        stage_set_pass(STAGE_ALLOCS);
        outcome = measure_allocs(c, n, twins, settings, r);
    }
    if (outcome == MEASURE_DONE && (c->instruments & INSTRUMENT_MEMORY)) {
        stage_set_pass(STAGE_MEMORY);
        outcome = measure_memory(c, n, twins, settings, r);
    }
    if (outcome == MEASURE_DONE && (c->instruments & INSTRUMENT_RESOURCES)) {
        stage_set_pass(STAGE_RESOURCES);
        outcome = measure_resources(c, n, twins, settings, r);
    }
    if (outcome == MEASURE_DONE && (c->instruments & INSTRUMENT_INSTRUCTIONS)) {
        stage_set_pass(STAGE_INSTRUCTIONS);
        outcome = measure_instructions(c, n, twins, settings, r);
    }
    return outcome;
}

/* Runs the case's teardown (e.g. removing the files its setup made) in a fresh
 * namespace. Returns 0, or -1 with a Python exception set. */
static int run_teardown(const case_def *c)
{
    PyObject *globals = pyutil_new_globals("__main__");
    PyObject *code = globals ? Py_CompileString(c->teardown, "<teardown>", Py_file_input)
                             : NULL;
    PyObject *done = code ? pyutil_eval_code(code, globals) : NULL;
    stage_leave_if_stray(); /* a process the teardown forked ends here */
    if (globals != NULL)
        PyDict_Clear(globals);
    Py_XDECREF(globals);
    Py_XDECREF(code);
    Py_XDECREF(done);
    return done != NULL ? 0 : -1;
}

measure_outcome measure_case(const case_def *c, long n, const measure_settings *settings,
                             results *r)
{
    char reason[REASON_BYTES];
    if (unavailable_case(c, pyutil_version(), reason, sizeof reason)) {
        printf("skipped: %s\n", reason);
        return MEASURE_UNSUPPORTED;
    }
    loop_twins twins;
    stage_set_pass(STAGE_COMPILE);
    if (loop_compile(c, n, &twins) != 0)
        return record_exception(r, c, n, "compile");
    int gc_was_enabled = interp_set_gc(c->gc_enabled);
    measure_outcome outcome = gc_was_enabled < 0 ? record_exception(r, c, n, "gc")
                                                 : measure_compiled(c, n, &twins, settings, r);
    if (gc_was_enabled >= 0)
        interp_set_gc(gc_was_enabled);
    loop_release(&twins);
    stage_set_pass(STAGE_TEARDOWN);
    if (c->teardown[0] != '\0' && run_teardown(c) != 0 && outcome == MEASURE_DONE)
        outcome = record_exception(r, c, n, "teardown");
    if (outcome == MEASURE_DONE)
        printf("\n");
    return outcome;
}
