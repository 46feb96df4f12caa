/* isolate.h: each case (at each size) and each observation run in a child process of its
 * own, under a time limit. */
#ifndef IDIOMBENCH_ISOLATE_H
#define IDIOMBENCH_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "measure.h"
#include "results.h"

/* One case at one size (a line of progress, a step of the run), or one observation. */
typedef struct isolate_unit {
    const case_def *c;        /* NULL for an observation */
    long n; /* the size; ignored when the case has no sizes; -1: all its sizes at once
             * (a case that needs a newer Python is one unit) */
    const observation_def *o; /* the observation, when c is NULL */
} isolate_unit;

typedef struct isolate_plan {
    const isolate_unit *units; /* in order; a family's units are consecutive */
    size_t count;
    measure_settings settings;
    int timeout_s;             /* per unit, from its start to its last figure */
} isolate_plan;

/* Called in the parent after each unit with its outcome (MEASURE_DONE, _FAILED or
 * _SKIPPED), once its rows or failure are in the results. Returns 0, or -1 to stop. */
typedef int (*isolate_after_fn)(void *ctx, measure_outcome outcome);

/* Runs every unit of the plan, each in a child process of its own forked from this one
 * (the interpreter running, the GIL held, no other thread), so that nothing a unit does
 * to the process (its state, its heap) reaches another. A case's child prints its
 * progress line and sends its rows and failure back; an observation's child sends its
 * value or error; the parent adds them to res. Each child leads a process group of its
 * own: when its unit is over, or its time is up, the group is killed whole, and what
 * left the group is found and killed too (child_proc.h), so no process the unit started
 * outlives it. Only the child itself reports: a process its code forked ends as soon as
 * it comes back into the harness (stage.h). A unit whose child crashes, exits, runs out
 * of memory or exceeds the time limit is recorded as failed (stage "process" for a case,
 * "observation" for an observation; the reason as error, with the stage the child had
 * reached for a timeout; a Python traceback when faulthandler wrote one), and the run
 * goes on. Returns 0 when every unit was handled, or -1 when the run cannot go on: err
 * then names the cause ("" when after stopped). */
int isolate_run(const isolate_plan *plan, results *res, isolate_after_fn after, void *ctx,
                char *err, size_t err_size);

/* Kills the process group of the child running a unit now, if any: for a SIGINT or
 * SIGTERM handler of the parent (async-signal-safe), so that an interrupted run leaves
 * nothing behind. Without it the child still dies with the parent (PR_SET_PDEATHSIG),
 * but not what it forked. */
void isolate_kill_running(void);

#endif
