/* instrument_memory.c: the memory pass: what a run of the case's loop leaves alive and
 * its peak (tracemalloc, on during this pass alone), and the resident set's change;
 * per run of a fixed count of operations (probe_memory.h). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "instrument.h"

#include "probe_memory.h"

#include <stdio.h>

enum { RETAINED, PEAK, RSS, MEMORY_METRICS };

static const instrument_metric memory_metrics[MEMORY_METRICS] = {
    [RETAINED] = {"retained_bytes", "bytes", probe_memory_available, "no tracemalloc", NULL},
    [PEAK] = {"peak_bytes", "bytes", probe_memory_available, "no tracemalloc", NULL},
    [RSS] = {"rss_delta_bytes", "bytes", probe_memory_available, "no tracemalloc", NULL},
};

/* A warm-up run (one-time costs: caches, specialisation), then s->count samples.
 * Returns 0, or -1 (exception). */
static int memory_samples(const loop_twins *twins, Py_ssize_t loops, instrument_samples *s)
{
    memory_figures f;
    int status = probe_memory_begin();
    if (status == 0)
        status = probe_memory_sample(twins, loops, &f);
    for (size_t i = 0; status == 0 && i < s->count; i++) {
        if ((status = probe_memory_sample(twins, loops, &f)) != 0)
            break;
        s->values[RETAINED][i] = f.retained_bytes;
        s->values[PEAK][i] = f.peak_bytes;
        s->values[RSS][i] = f.rss_delta_bytes;
    }
    probe_memory_end();
    return status;
}

static measure_outcome measure_memory(const case_def *c, long n, const loop_twins *twins,
                                      const measure_settings *settings, results *r)
{
    Py_ssize_t loops = instrument_run_loops(c, n);
    instrument_samples s = {.count = instrument_sample_count(settings)};
    if (memory_samples(twins, loops, &s) != 0)
        return instrument_raised(r, c, n, "memory");
    double medians[MEMORY_METRICS];
    if (instrument_add_rows(memory_metrics, MEMORY_METRICS, r, results_key_of_case(c, n), &s,
                            (long)loops, medians) != 0)
        return MEASURE_FATAL;
    printf("  retained %.3g B  peak %.3g B  rss %+.3g B", medians[RETAINED], medians[PEAK],
           medians[RSS]);
    return MEASURE_DONE;
}

const instrument instrument_memory = {
    .name = "memory",
    .bit = INSTRUMENT_MEMORY,
    .pass = STAGE_MEMORY,
    .metrics = memory_metrics,
    .metric_count = MEMORY_METRICS,
    .measure = measure_memory,
};
