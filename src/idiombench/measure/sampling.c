/* sampling.c: the stopping rule of adaptive sampling. */
#include "sampling.h"

#include <math.h>

bool sampling_precise(const summary *pooled, double target)
{
    return pooled->count >= STATS_CI_MIN_COUNT &&
           stats_ci_relative_halfwidth(pooled) <= target;
}

bool sampling_unstable(const summary *pooled)
{
    return stats_ci_relative_halfwidth(pooled) > SAMPLING_UNSTABLE_HALFWIDTH;
}

/* Samples the 1/sqrt(count) law predicts are still needed, within [least,
 * max(count, least)]. */
static double predicted_more(const summary *pooled, double target, double least)
{
    double count = (double)pooled->count;
    double ratio = stats_ci_relative_halfwidth(pooled) / target;
    double more = isfinite(ratio) ? ceil(count * (ratio * ratio - 1.0)) : count;
    double most = count > least ? count : least;
    if (more < least)
        more = least;
    return more < most ? more : most;
}

size_t sampling_next_batch(const sampling_plan *plan, const summary *pooled, double spent_ns)
{
    if (plan->ci_target <= 0.0 || pooled->count == 0 || pooled->count >= plan->most ||
        sampling_precise(pooled, plan->ci_target))
        return 0;
    double per_sample_ns = spent_ns / (double)pooled->count;
    double affordable = per_sample_ns > 0.0 ? floor((plan->budget_ns - spent_ns) / per_sample_ns)
                                            : (double)plan->most;
    if (affordable < 1.0)
        return 0;
    double least = pooled->count < STATS_CI_MIN_COUNT
                       ? (double)(STATS_CI_MIN_COUNT - pooled->count) : 1.0;
    double more = predicted_more(pooled, plan->ci_target, least);
    double left = (double)(plan->most - pooled->count);
    if (more > affordable)
        more = affordable;
    if (more > left)
        more = left;
    return (size_t)more;
}
