/* sampling.h: when to stop taking time samples. Adaptive sampling takes batches until
 * the median's 95% confidence interval is narrow enough or the case's time budget is
 * spent. Pure: no Python, no clock. */
#ifndef IDIOMBENCH_SAMPLING_H
#define IDIOMBENCH_SAMPLING_H

#include <stdbool.h>
#include <stddef.h>

#include "stats.h"

/* A row whose interval is wider than ±10% of its median is unstable. */
#define SAMPLING_UNSTABLE_HALFWIDTH 0.10

typedef struct sampling_plan {
    size_t first;     /* samples of the first batch, always taken (>= 1) */
    double ci_target; /* the relative half-width to reach, a fraction; 0: no more batches */
    double budget_ns; /* no batch starts that would end past this much sampling time */
    size_t most;      /* samples in all, at most */
} sampling_plan;

/* True when the samples give a real 95% interval (STATS_CI_MIN_COUNT of them or more)
 * whose half-width is at most target × |median|. */
bool sampling_precise(const summary *pooled, double target);

/* True when the interval's half-width exceeds SAMPLING_UNSTABLE_HALFWIDTH × |median|. */
bool sampling_unstable(const summary *pooled);

/* The samples of the next batch, or 0 to stop, after pooled (the samples so far) took
 * spent_ns. It stops when the plan has no target, the samples are precise enough, the
 * plan's most are taken, or not one more sample fits in the budget at the pace so far.
 * Otherwise it asks for the samples the half-width's 1/sqrt(count) law predicts,
 * count × ((half-width / target)² - 1), at least enough for a 95% interval and 1, at
 * most count (doubling) unless a 95% interval needs more, cut to what the budget and `most` leave. */
size_t sampling_next_batch(const sampling_plan *plan, const summary *pooled, double spent_ns);

#endif
