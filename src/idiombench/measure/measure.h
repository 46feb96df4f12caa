/* measure.h: measures one case at one size with every instrument it asks for. */
#ifndef IDIOMBENCH_MEASURE_H
#define IDIOMBENCH_MEASURE_H

#include <stdint.h>

#include "catalogue.h"
#include "results.h"

/* Most statement/empty pairs a timing sample may take (--pairs). */
#define MEASURE_MAX_PAIRS 64

typedef struct measure_settings {
    int repetitions;   /* samples per instrument (the time pass's first batch) */
    int64_t target_ns; /* duration of one timed loop */
    int pairs;         /* statement/empty pairs per timing sample */
    double ci_target;  /* time: more batches until the median's 95% interval is within
                        * ± this fraction of it (0: the first batch alone) ... */
    double case_budget_ns; /* ... or no further batch fits in this much sampling time */
} measure_settings;

/* What happened to one case at one size. */
typedef enum measure_outcome {
    MEASURE_DONE,        /* rows added to the results */
    MEASURE_FAILED,      /* a failure added to the results */
    MEASURE_SKIPPED,     /* left out by --benchmark_filter */
    MEASURE_UNSUPPORTED, /* needs a newer Python (min_python): not compiled, not run */
    MEASURE_FATAL,       /* out of memory: the run cannot go on */
} measure_outcome;

/* Measures case c at size n (ignored when c has no sizes) and adds its figures, or
 * its failure with the traceback, to r. Prints the figures on one progress line
 * that the caller has started ("skipped: needs Python 3.6+ (f-strings)" for a case
 * that needs a newer Python). A figure this Python cannot give gets no row: the
 * progress line says "unavailable" (unavailable.h lists them). */
measure_outcome measure_case(const case_def *c, long n, const measure_settings *settings,
                             results *r);

#endif
