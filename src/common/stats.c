/* stats.c: median, mean, spread of a set of samples. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_median_inplace(double *values, size_t count)
{
    qsort(values, count, sizeof *values, compare_doubles);
    if (count % 2 == 1)
        return values[count / 2];
    return (values[count / 2 - 1] + values[count / 2]) / 2.0;
}

/* P(B = j) for B ~ Binomial(count, 1/2), in logarithms: 2^-count underflows for large
 * counts. */
static double binomial_half_pmf(size_t count, size_t j)
{
    return exp(lgamma((double)count + 1.0) - lgamma((double)j + 1.0) -
               lgamma((double)(count - j) + 1.0) - (double)count * log(2.0));
}

/* The largest 1-based k <= (count + 1) / 2 whose [x(k), x(count + 1 - k)] covers the
 * median with probability 1 - 2 * P(B <= k - 1) >= STATS_CI_CONFIDENCE, or 1 (min,
 * max) when none does; *coverage is that interval's. */
static size_t order_interval_rank(size_t count, double *coverage)
{
    size_t k = 1;
    double below = binomial_half_pmf(count, 0); /* P(B <= k - 1) */
    for (;;) {
        double wider_below = below + binomial_half_pmf(count, k);
        if (k + 1 > (count + 1) / 2 || 1.0 - 2.0 * wider_below < STATS_CI_CONFIDENCE)
            break;
        below = wider_below;
        k++;
    }
    *coverage = 1.0 - 2.0 * below > 0.0 ? 1.0 - 2.0 * below : 0.0;
    return k;
}

double stats_median_ci_coverage(size_t count)
{
    double coverage = 0.0;
    if (count > 0)
        order_interval_rank(count, &coverage);
    return coverage;
}

double stats_median_ci(const double *sorted, size_t count, double *low, double *high)
{
    double coverage;
    size_t k = order_interval_rank(count, &coverage);
    *low = sorted[k - 1];
    *high = sorted[count - k];
    return coverage;
}

double stats_ci_relative_halfwidth(const summary *s)
{
    double halfwidth = (s->ci_high - s->ci_low) / 2.0;
    if (halfwidth <= 0.0)
        return 0.0;
    return s->median != 0.0 ? halfwidth / fabs(s->median) : INFINITY;
}

int stats_summarize(const double *values, size_t count, summary *out)
{
    if (count == 0)
        return -1;
    double *sorted = malloc(count * sizeof *sorted);
    if (sorted == NULL)
        return -1;
    memcpy(sorted, values, count * sizeof *sorted);

    double sum = 0.0;
    for (size_t i = 0; i < count; i++)
        sum += values[i];
    double mean = sum / (double)count;

    double squares = 0.0;
    for (size_t i = 0; i < count; i++)
        squares += (values[i] - mean) * (values[i] - mean);
    double stddev = count > 1 ? sqrt(squares / (double)(count - 1)) : 0.0;

    out->median = stats_median_inplace(sorted, count);
    out->min = sorted[0];
    out->max = sorted[count - 1];
    out->mean = mean;
    out->stddev = stddev;
    out->cv = mean != 0.0 ? stddev / fabs(mean) : 0.0;
    out->count = count;
    stats_median_ci(sorted, count, &out->ci_low, &out->ci_high);
    free(sorted);
    return 0;
}
