/* instrument.h: what an instrument is (one pass over a case at one size, the rows it
 * writes and when this Python cannot give them), and the helpers the instruments share.
 *
 * An instrument is one file, instrument_<name>.c, defining a `const instrument`, and one
 * line of instrument_list.def, from which its INSTRUMENT_* bit (catalogue.h), its STAGE_*
 * pass (stage.h) and its entry in the table (instruments.c) are made; measure.c runs the
 * table's instruments a case asks for, in the table's order, and the catalogue,
 * --instruments and unavailable.c read their names and metrics from the table. */
#ifndef IDIOMBENCH_INSTRUMENT_H
#define IDIOMBENCH_INSTRUMENT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "loop.h"
#include "measure.h"
#include "results.h"
#include "stage.h"

/* One metric: the rows an instrument writes under this name. */
typedef struct instrument_metric {
    const char *name;          /* measurements.csv's metric: "allocs_per_op" */
    const char *unit;          /* its unit: "allocs" */
    bool (*available)(void);   /* whether this Python (and run) gives it; NULL: always */
    const char *lacks;         /* when not: what the Python lacks ("no tracemalloc") ... */
    const char *(*why)(void);  /* ... or, for what is not the Python's doing, the reason */
} instrument_metric;

/* Measures case c at size n (ignored when c has no sizes) with the compiled twins: adds
 * the instrument's rows (or the case's failure) to r and prints its figures on the
 * progress line. Called only when some metric of the instrument is available. */
typedef measure_outcome (*instrument_fn)(const case_def *c, long n, const loop_twins *twins,
                                         const measure_settings *settings, results *r);

typedef struct instrument {
    const char *name;  /* as the catalogue and --instruments spell it: "allocs" */
    unsigned bit;      /* its INSTRUMENT_* bit in case_def.instruments */
    bool run_level;    /* no case declares it: --instruments gives it to every case */
    stage_pass pass;   /* what the stage board says while it runs */
    const instrument_metric *metrics; /* the rows it writes, in their order */
    size_t metric_count;
    instrument_fn measure;
} instrument;

#define INSTRUMENT_MAX_METRICS 6
#define INSTRUMENT_MAX_SAMPLES 5 /* of an exact (not timed) pass: more only repeat them */

/* The samples of an exact pass: values[metric][sample], metrics as the instrument's. */
typedef struct instrument_samples {
    double values[INSTRUMENT_MAX_METRICS][INSTRUMENT_MAX_SAMPLES];
    size_t count;
} instrument_samples;

static inline bool instrument_metric_available(const instrument_metric *m)
{
    return m->available == NULL || m->available();
}

/* Prints "FAILED (stage): error" and records the failure: MEASURE_FAILED, or
 * MEASURE_FATAL (memory). */
measure_outcome instrument_failed(results *r, const case_def *c, long n, const char *stage,
                                  const char *error, const char *traceback);

/* instrument_failed with the pending Python exception (which it clears). */
measure_outcome instrument_raised(results *r, const case_def *c, long n, const char *stage);

/* Samples of an exact pass: --repetitions, INSTRUMENT_MAX_SAMPLES at most. */
size_t instrument_sample_count(const measure_settings *settings);

/* Operations per sample of an exact pass: fixed for a case and size, never taken from
 * the timing, so that amortised figures (a list's growth) are the same run after run.
 * `most` for an unsized case, most / n for a sized one (a sample stays short), at least
 * `least`. */
Py_ssize_t instrument_fixed_loops(const case_def *c, long n, long most, long least);

/* Operations per sample of the allocation, memory and resources passes. */
Py_ssize_t instrument_run_loops(const case_def *c, long n);

/* Summarises each available one of the metric_count metrics (s->values[m]), adds its row
 * with its samples and puts its median in medians[m] (left alone for an unavailable
 * one). Returns 0, or -1 (memory). */
int instrument_add_rows(const instrument_metric *metrics, size_t metric_count, results *r,
                        result_key key, const instrument_samples *s, long loops,
                        double *medians);

#endif
