/* compare_measurements.h: measurements.csv from the samples, in the harness's schema:
 * one row per version, case, size and metric, summarising its rounds. */
#ifndef IDIOMBENCH_COMPARE_MEASUREMENTS_H
#define IDIOMBENCH_COMPARE_MEASUREMENTS_H

#include <stdio.h>

#include "compare_samples.h"
#include "schema.h"

/* Writes the header and one row per series, by version, then family, case, n and
 * metric: median, mean, stddev, cv, min and max over the rounds' samples (as %.9g, as
 * the harness writes them), repetitions = how many samples, loops = their median, ci_low and ci_high the
 * 95% confidence interval of the median over the pooled rounds (stats_median_ci). */
void compare_measurements_write(FILE *out, const sample_set *set);

#endif
