/* compare_pairs.c: pairs each series with the baseline's of the same key and tests it. */
#include "compare_pairs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The baseline's series among series[first .. end), which share one key; NULL if none. */
static const sample_series *find_baseline(const sample_set *set, size_t first, size_t end,
                                          size_t baseline)
{
    for (size_t i = first; i < end; i++)
        if (set->series[i].version == baseline)
            return &set->series[i];
    return NULL;
}

static comparison compare_one(const sample_series *baseline, const sample_series *other,
                              double confidence)
{
    comparison row = {baseline, other, {0}, NAN};
    const double *baseline_values = baseline ? baseline->values : NULL;
    size_t baseline_count = baseline ? baseline->count : 0;
    compare_stats_two_samples(baseline_values, baseline_count, other->values, other->count,
                              confidence, &row.result);
    if (baseline != NULL)
        row.mw_p_value = compare_stats_mann_whitney_p(baseline->values, baseline->count,
                                                      other->values, other->count);
    return row;
}

int compare_pairs_build(const sample_set *set, size_t baseline, double confidence,
                        comparison_set *out)
{
    memset(out, 0, sizeof *out);
    out->baseline = baseline;
    out->confidence = confidence;
    out->rows = calloc(set->series_count + 1, sizeof *out->rows);
    if (out->rows == NULL)
        return -1;
    for (size_t first = 0; first < set->series_count;) {
        size_t end = first + 1;
        while (end < set->series_count &&
               compare_samples_same_key(&set->series[first], &set->series[end]))
            end++;
        const sample_series *base = find_baseline(set, first, end, baseline);
        for (size_t i = first; i < end; i++)
            if (set->series[i].version != baseline)
                out->rows[out->count++] = compare_one(base, &set->series[i], confidence);
        first = end;
    }
    return 0;
}

void compare_pairs_free(comparison_set *comparisons)
{
    free(comparisons->rows);
    memset(comparisons, 0, sizeof *comparisons);
}
