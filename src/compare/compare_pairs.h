/* compare_pairs.h: every version's series set against the baseline's series of the
 * same case, size and metric, and tested. */
#ifndef IDIOMBENCH_COMPARE_PAIRS_H
#define IDIOMBENCH_COMPARE_PAIRS_H

#include "compare_samples.h"
#include "compare_stats.h"

typedef struct comparison {
    const sample_series *baseline; /* NULL when the baseline lacks this case/size/metric */
    const sample_series *other;
    sample_comparison result;
    double mw_p_value;             /* Mann–Whitney; NAN when the baseline has no sample */
} comparison;

typedef struct comparison_set {
    size_t baseline;   /* the baseline's index in the sample set's versions */
    double confidence; /* of the intervals, e.g. 0.95 */
    comparison *rows;  /* one per non-baseline series, in the sample set's series order */
    size_t count;
} comparison_set;

/* Compares every series of a version other than baseline (an index into set->versions)
 * with the baseline's. Returns 0, or -1 when memory runs out. */
int compare_pairs_build(const sample_set *set, size_t baseline, double confidence,
                        comparison_set *out);

void compare_pairs_free(comparison_set *comparisons);

#endif
