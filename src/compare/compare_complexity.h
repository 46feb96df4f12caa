/* compare_complexity.h: complexity.csv from the samples, in the harness's schema: for
 * each version, case and metric measured at several sizes, the curve its medians fit. */
#ifndef IDIOMBENCH_COMPARE_COMPLEXITY_H
#define IDIOMBENCH_COMPARE_COMPLEXITY_H

#include <stdio.h>

#include "compare_samples.h"

#include "schema.h"

/* Writes the header and, for every (version, family, case, metric) with medians at
 * COMPLEXITY_MIN_SIZES sizes or more (as the harness's complexity.csv), the best of
 * O(1), O(n), O(n log n), O(n^2) by least squares, its coefficient and each curve's
 * relative rms; by version, then family, case and metric. Returns 0, or -1 when
 * memory runs out. */
int compare_complexity_write(FILE *out, const sample_set *set);

#endif
