/* isolate.h: each family measured in a child process, each case under a time limit. */
#ifndef IDIOMBENCH_ISOLATE_H
#define IDIOMBENCH_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "measure.h"
#include "results.h"

/* One case at one size: a line of progress, a step of the run. */
typedef struct isolate_unit {
    const case_def *c;
    long n; /* the size; ignored when the case has no sizes; -1: all its sizes at once
             * (a case that needs a newer Python is one unit) */
} isolate_unit;

typedef struct isolate_plan {
    const isolate_unit *units; /* in order; a family's units are consecutive */
    size_t count;
    measure_settings settings;
    int timeout_s;             /* per unit, from its start to its last figure */
    bool child_per_unit;       /* each unit in a child of its own, so that what ran before
                                * it (the heap's state) cannot move its figures: for the
                                * instructions pass, whose counts see every allocation */
} isolate_plan;

/* Called in the parent after each unit with its outcome (MEASURE_DONE, _FAILED or
 * _SKIPPED), once its rows or failure are in the results. Returns 0, or -1 to stop. */
typedef int (*isolate_after_fn)(void *ctx, measure_outcome outcome);

/* Measures every unit of the plan, each run of consecutive units of one family in a
 * child process forked from this one (the interpreter running, the GIL held, no other
 * thread). The child prints each unit's progress line and sends its rows and failure
 * back; the parent adds them to res. A unit whose child crashes, exits, runs out of
 * memory or exceeds the time limit is recorded as failed (stage "process", the reason
 * as error, a Python traceback when faulthandler wrote one), and the family goes on in
 * a new child; so does it after any failed unit. Returns 0 when every unit was handled,
 * or -1 when the run cannot go on: err then names the cause ("" when after stopped). */
int isolate_run(const isolate_plan *plan, results *res, isolate_after_fn after, void *ctx,
                char *err, size_t err_size);

#endif
