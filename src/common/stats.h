/* stats.h: pure statistics over samples; no Python, no I/O. */
#ifndef IDIOMBENCH_STATS_H
#define IDIOMBENCH_STATS_H

#include <stddef.h>

typedef struct summary {
    double median;
    double mean;
    double stddev; /* sample standard deviation (n - 1); 0 for fewer than 2 values */
    double cv;     /* stddev / |mean| as a fraction; 0 when the mean is 0 */
    double min;
    double max;
    size_t count;
    double ci_low;  /* the 95% confidence interval of the median: stats_median_ci */
    double ci_high;
} summary;

/* The target of stats_median_ci: 95%. */
#define STATS_CI_CONFIDENCE 0.95

/* The fewest values whose order-statistic interval reaches STATS_CI_CONFIDENCE: 6
 * (x(1)..x(6) covers the median with probability 1 - 2/64 = 96.9%). */
#define STATS_CI_MIN_COUNT 6

/* Median of count values (the mean of the middle two for even counts).
 * Reorders values in place. count must be at least 1. */
double stats_median_inplace(double *values, size_t count);

/* The distribution-free confidence interval of the median of count sorted values
 * (ascending, count >= 1): [x(k), x(count + 1 - k)] with the largest k whose coverage,
 * 1 - 2 * P(B <= k - 1) for B ~ Binomial(count, 1/2), is at least STATS_CI_CONFIDENCE.
 * It holds for any continuous distribution of independent samples. Below
 * STATS_CI_MIN_COUNT values no k reaches 95%: the interval is then [min, max], whose
 * coverage is 1 - 2^(1 - count) (0 for one value, 50% for 2, 93.75% for 5). Returns
 * the coverage, a probability in [0, 1]. */
double stats_median_ci(const double *sorted, size_t count, double *low, double *high);

/* The coverage of stats_median_ci's interval over count values (count >= 1). */
double stats_median_ci_coverage(size_t count);

/* The interval's half-width relative to |median|, as a fraction: (high - low) / 2 /
 * |median|; 0 when the interval is a point, INFINITY when the median is 0 but the
 * interval is not. */
double stats_ci_relative_halfwidth(const summary *s);

/* Summarises count values (count >= 1) without changing them, the median's confidence
 * interval (ci_low, ci_high) by stats_median_ci.
 * Returns 0, or -1 when count is 0 or memory runs out. */
int stats_summarize(const double *values, size_t count, summary *out);

#endif
