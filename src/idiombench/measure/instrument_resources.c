/* instrument_resources.c: the resources pass: descriptors left open, ResourceWarnings
 * and the collector's work during a run of a fixed count of operations
 * (probe_resources.h). A Python without gc.get_stats or ResourceWarning still gives
 * fds_delta. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "instrument.h"

#include "probe_resources.h"
#include "pyutil.h"
#include "unavailable.h"

#include <stdio.h>

#define REASON_BYTES 256

enum { FDS, WARNINGS, GEN0, GEN1, GEN2, COLLECTED, RESOURCE_METRICS };

static const instrument_metric resource_metrics[RESOURCE_METRICS] = {
    [FDS] = {"fds_delta", "fds", NULL, NULL, NULL},
    [WARNINGS] = {"resource_warnings", "warnings", probe_resources_warnings_available,
                  "no ResourceWarning", NULL},
    [GEN0] = {"gc_collections_gen0", "collections", probe_resources_gc_available,
              "no gc.get_stats", NULL},
    [GEN1] = {"gc_collections_gen1", "collections", probe_resources_gc_available,
              "no gc.get_stats", NULL},
    [GEN2] = {"gc_collections_gen2", "collections", probe_resources_gc_available,
              "no gc.get_stats", NULL},
    [COLLECTED] = {"gc_collected", "objects", probe_resources_gc_available,
                   "no gc.get_stats", NULL},
};

/* A warm-up run, then s->count samples. Returns 0, or -1 (exception). */
static int resource_samples(const loop_twins *twins, Py_ssize_t loops, instrument_samples *s)
{
    resource_figures f;
    int status = probe_resources_sample(twins, loops, &f);
    for (size_t i = 0; status == 0 && i < s->count; i++) {
        if ((status = probe_resources_sample(twins, loops, &f)) != 0)
            break;
        s->values[FDS][i] = f.fds_delta;
        s->values[WARNINGS][i] = f.resource_warnings;
        for (int g = 0; g < PROBE_GC_GENERATIONS; g++)
            s->values[GEN0 + g][i] = f.collections[g];
        s->values[COLLECTED][i] = f.collected;
    }
    return status;
}

/* "  fds +0  rw 0  gc 0/0/0", or what this Python cannot give and why. */
static void print_resources(const double *medians)
{
    char reason[REASON_BYTES];
    printf("  fds %+g", medians[FDS]);
    if (!unavailable_metric(resource_metrics[WARNINGS].name, pyutil_version(), reason,
                            sizeof reason))
        printf("  rw %g", medians[WARNINGS]);
    else
        printf("  rw: unavailable (%s)", reason);
    if (!unavailable_metric(resource_metrics[GEN0].name, pyutil_version(), reason,
                            sizeof reason))
        printf("  gc %g/%g/%g", medians[GEN0], medians[GEN1], medians[GEN2]);
    else
        printf("  gc: unavailable (%s)", reason);
}

static measure_outcome measure_resources(const case_def *c, long n, const loop_twins *twins,
                                         const measure_settings *settings, results *r)
{
    Py_ssize_t loops = instrument_run_loops(c, n);
    instrument_samples s = {.count = instrument_sample_count(settings)};
    if (resource_samples(twins, loops, &s) != 0)
        return instrument_raised(r, c, n, "resources");
    double medians[RESOURCE_METRICS] = {0};
    if (instrument_add_rows(resource_metrics, RESOURCE_METRICS, r, results_key_of_case(c, n), &s,
                            (long)loops, medians) != 0)
        return MEASURE_FATAL;
    print_resources(medians);
    return MEASURE_DONE;
}

const instrument instrument_resources = {
    .name = "resources",
    .bit = INSTRUMENT_RESOURCES,
    .pass = STAGE_RESOURCES,
    .metrics = resource_metrics,
    .metric_count = RESOURCE_METRICS,
    .measure = measure_resources,
};
