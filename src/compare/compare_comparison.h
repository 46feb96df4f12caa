/* compare_comparison.h: comparison.csv, each version's figure against the baseline's. */
#ifndef IDIOMBENCH_COMPARE_COMPARISON_H
#define IDIOMBENCH_COMPARE_COMPARISON_H

#include <stdio.h>

#include "compare_pairs.h"
#include "compare_samples.h"

#include "schema.h"

/* Writes the header and one row per comparison, by family, case, n, metric, then
 * version. Figures are %.9g; a figure that does not exist (no ratio, not tested, no
 * baseline sample) is an empty field. */
void compare_comparison_write(FILE *out, const sample_set *set,
                              const comparison_set *comparisons);

#endif
