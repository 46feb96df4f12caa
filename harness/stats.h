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
} summary;

/* Median of count values (the mean of the middle two for even counts).
 * Reorders values in place. count must be at least 1. */
double stats_median_inplace(double *values, size_t count);

/* Summarises count values (count >= 1) without changing them.
 * Returns 0, or -1 when count is 0 or memory runs out. */
int stats_summarize(const double *values, size_t count, summary *out);

#endif
