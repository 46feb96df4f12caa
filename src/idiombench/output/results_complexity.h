/* results_complexity.h: complexity.csv, the fitted curve of each scaling case. */
#ifndef IDIOMBENCH_RESULTS_COMPLEXITY_H
#define IDIOMBENCH_RESULTS_COMPLEXITY_H

#include "results.h"

/* For every (family, case, metric) measured at COMPLEXITY_MIN_SIZES sizes or more,
 * fits the medians to O(1), O(n), O(n log n) and O(n^2) and writes one row: the best
 * curve, its coefficient, and every curve's rms (relative to the mean). A header alone
 * when no case scales. Whole or not at all: returns 0, or -1 with errno set. */
int results_complexity_write(const results *r, const char *path);

#endif
