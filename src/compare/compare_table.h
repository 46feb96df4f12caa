/* compare_table.h: the comparison as a table for the terminal: one line per case and
 * size, the baseline's median, then each version's ratio to it with a mark saying
 * whether the difference is beyond the noise. */
#ifndef IDIOMBENCH_COMPARE_TABLE_H
#define IDIOMBENCH_COMPARE_TABLE_H

#include <stdio.h>

#include "compare_pairs.h"
#include "compare_samples.h"

/* Lines are kept within this many columns while case names fit (10 versions fit). */
#define TABLE_WIDTH 160

typedef enum table_scope {
    TABLE_NONE, /* print nothing */
    TABLE_TIME, /* time_per_op only */
    TABLE_ALL,  /* one section per metric */
} table_scope;

/* Prints, for each metric in scope (in the harness's order): a title, a header of
 * version labels, one line per family/case/n with the baseline's median in a readable
 * unit (ns, µs, ms, s; B, KiB, MiB, GiB) and each version's ratio followed by '+'
 * (higher: slower), '-' (lower: faster), ' ' (no difference) or '?' (insufficient data),
 * "n/a" where there is no ratio and "—" where the version has no samples; then a
 * count of each verdict per version and a legend line. Returns 0, or -1 when memory
 * runs out. */
int compare_table_print(FILE *out, const sample_set *set, const comparison_set *comparisons,
                        table_scope scope);

#endif
