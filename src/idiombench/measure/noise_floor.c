/* noise_floor.c: the empty loop timed before and after the cases. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "noise_floor.h"
#include "interp.h"
#include "loop.h"
#include "stats.h"

#include <stdio.h>
#include <string.h>

static char noise_family[] = "noise", noise_name[] = "empty_loop", noise_empty[] = "",
            noise_stmt[] = "pass";

/* The empty loop as a case: its statement twin is `pass` as well. */
static const case_def noise_case = {.family = noise_family, .name = noise_name,
                                    .setup = noise_empty, .stmt = noise_stmt,
                                    .instruments = INSTRUMENT_TIME, .source = noise_empty,
                                    .teardown = noise_empty};

/* Times the empty twin `count` times at nf->loops (calibrating first when 0), the
 * collector off as for a case. */
static int time_empty(noise_floor *nf, double *out_ns, size_t count)
{
    loop_twins twins;
    if (loop_compile(&noise_case, -1, &twins) != 0)
        return -1;
    int gc_was_enabled = interp_set_gc(0);
    int status = gc_was_enabled < 0 ? -1 : 0;
    Py_ssize_t loops = (Py_ssize_t)nf->loops;
    if (status == 0 && loops == 0) {
        status = loop_calibrate(&twins, nf->target_ns, &loops);
        nf->loops = (long)loops;
    }
    for (size_t i = 0; status == 0 && i < count; i++) {
        mark_span span;
        status = loop_run(&twins.empty, twins.n, loops, &span);
        out_ns[i] = (double)span.elapsed_ns / (double)loops;
    }
    if (gc_was_enabled >= 0)
        interp_set_gc(gc_was_enabled);
    loop_release(&twins);
    return status;
}

int noise_floor_before(noise_floor *nf, int64_t target_ns)
{
    memset(nf, 0, sizeof *nf);
    nf->target_ns = target_ns;
    if (time_empty(nf, nf->before_ns, NOISE_FLOOR_SAMPLES) != 0)
        return -1;
    nf->before_count = NOISE_FLOOR_SAMPLES;
    return 0;
}

int noise_floor_after(noise_floor *nf)
{
    if (time_empty(nf, nf->after_ns, NOISE_FLOOR_SAMPLES) != 0)
        return -1;
    nf->after_count = NOISE_FLOOR_SAMPLES;
    return 0;
}

int noise_floor_add_meta(const noise_floor *nf, meta_list *meta)
{
    double all[2 * NOISE_FLOOR_SAMPLES];
    memcpy(all, nf->before_ns, nf->before_count * sizeof *all);
    memcpy(all + nf->before_count, nf->after_ns, nf->after_count * sizeof *all);
    summary pooled, before, after;
    size_t count = nf->before_count + nf->after_count;
    if (nf->before_count == 0 || stats_summarize(all, count, &pooled) != 0 ||
        stats_summarize(nf->before_ns, nf->before_count, &before) != 0)
        return -1;
    char cv[64], drift[64] = "", method[512];
    snprintf(cv, sizeof cv, "%.2f", pooled.cv * 100.0);
    if (nf->after_count > 0 && stats_summarize(nf->after_ns, nf->after_count, &after) == 0)
        snprintf(drift, sizeof drift, "%+.2f", (after.median / before.median - 1.0) * 100.0);
    snprintf(method, sizeof method, "cv of %zu timings of the empty loop (%zu before the "
             "cases, %zu after), each %ld iterations lasting about %.3g ms; %.3g ns per "
             "iteration (median)", count, nf->before_count,
             nf->after_count, nf->loops, (double)nf->target_ns / 1e6, pooled.median);
    return results_meta_add(meta, "noise_floor_cv_pct", cv) |
           (drift[0] ? results_meta_add(meta, "noise_floor_drift_pct", drift) : 0) |
           results_meta_add(meta, "noise_floor_method", method);
}
