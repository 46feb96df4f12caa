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
    free(sorted);
    return 0;
}
