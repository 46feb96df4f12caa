/* instrument_allocs.c: the allocation pass: allocation requests and bytes requested per
 * operation, net of the empty loop, counted by the allocator hooks (probe_alloc.h),
 * which are on during this pass alone. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "instrument.h"

#include "interp.h"
#include "probe_alloc.h"

#include <stdio.h>

enum { ALLOCS, BYTES, ALLOC_METRICS };

static const instrument_metric alloc_metrics[ALLOC_METRICS] = {
    [ALLOCS] = {"allocs_per_op", "allocs", probe_alloc_available, "no allocator API", NULL},
    [BYTES] = {"bytes_per_op", "bytes", probe_alloc_available, "no allocator API", NULL},
};

/* A warm-up sample (one-time costs: caches, specialisation), then s->count samples, with
 * the hooks installed. A full collection before each sample empties the free lists, so
 * that what ran before (other cases, the timing pass) cannot change the count. Returns
 * 0, or -1 (exception). */
static int alloc_samples(const loop_twins *twins, Py_ssize_t loops, instrument_samples *s)
{
    double warm_allocs, warm_bytes;
    int status = loop_sample_allocs(twins, loops, &warm_allocs, &warm_bytes);
    for (size_t i = 0; status == 0 && i < s->count; i++) {
        status = interp_collect();
        if (status == 0)
            status = loop_sample_allocs(twins, loops, &s->values[ALLOCS][i],
                                        &s->values[BYTES][i]);
    }
    return status;
}

static measure_outcome measure_allocs(const case_def *c, long n, const loop_twins *twins,
                                      const measure_settings *settings, results *r)
{
    Py_ssize_t loops = instrument_run_loops(c, n);
    instrument_samples s = {.count = instrument_sample_count(settings)};
    if (probe_alloc_install() != 0)
        return MEASURE_FATAL;
    int status = alloc_samples(twins, loops, &s);
    probe_alloc_uninstall();
    if (status != 0)
        return instrument_raised(r, c, n, "allocs");
    double medians[ALLOC_METRICS];
    if (instrument_add_rows(alloc_metrics, ALLOC_METRICS, r, results_key_of_case(c, n), &s,
                            (long)loops, medians) != 0)
        return MEASURE_FATAL;
    printf("  %8.3g allocs/op %10.4g B/op", medians[ALLOCS], medians[BYTES]);
    return MEASURE_DONE;
}

const instrument instrument_allocs = {
    .name = "allocs",
    .bit = INSTRUMENT_ALLOCS,
    .pass = STAGE_ALLOCS,
    .metrics = alloc_metrics,
    .metric_count = ALLOC_METRICS,
    .measure = measure_allocs,
};
