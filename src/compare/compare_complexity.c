/* compare_complexity.c: groups each version's sized series by case and metric and fits
 * a curve to the medians over n, with complexity.c, as results_complexity.c does. */
#include "compare_complexity.h"
#include "complexity.h"
#include "csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Version, family, case, metric, then n. */
static int compare_for_fit(const void *left, const void *right)
{
    const sample_series *a = *(const sample_series *const *)left;
    const sample_series *b = *(const sample_series *const *)right;
    if (a->version != b->version)
        return a->version < b->version ? -1 : 1;
    int order = strcmp(a->family, b->family);
    if (order == 0)
        order = strcmp(a->case_name, b->case_name);
    if (order == 0)
        order = compare_samples_compare_metrics(a->metric, b->metric);
    if (order == 0 && a->n != b->n)
        order = a->n < b->n ? -1 : 1;
    return order;
}

static bool same_curve(const sample_series *a, const sample_series *b)
{
    return a->version == b->version && strcmp(a->family, b->family) == 0 &&
           strcmp(a->case_name, b->case_name) == 0 && strcmp(a->metric, b->metric) == 0;
}

/* Fits group[0 .. count) (one curve's series, by n) when it has enough sizes. */
static void fit_group(FILE *out, const sample_set *set, const sample_series *const *group,
                      size_t count, long *size, double *cost)
{
    if (count < COMPLEXITY_MIN_SIZES)
        return;
    for (size_t i = 0; i < count; i++) {
        size[i] = group[i]->n;
        cost[i] = group[i]->figures.median;
    }
    csv_fit_key key = {set->versions[group[0]->version], group[0]->family,
                       group[0]->case_name, group[0]->metric, group[0]->unit};
    complexity_fit fit;
    if (complexity_fit_costs(size, cost, count, &fit) == 0)
        csv_write_fit(out, &key, count, &fit);
}

int compare_complexity_write(FILE *out, const sample_set *set)
{
    const sample_series **sized = malloc((set->series_count + 1) * sizeof *sized);
    long *size = malloc((set->series_count + 1) * sizeof *size);
    double *cost = malloc((set->series_count + 1) * sizeof *cost);
    int status = sized && size && cost ? 0 : -1;
    size_t count = 0;
    for (size_t i = 0; status == 0 && i < set->series_count; i++)
        if (set->series[i].n >= 0)
            sized[count++] = &set->series[i];
    if (status == 0) {
        qsort(sized, count, sizeof *sized, compare_for_fit);
        fputs(COMPLEXITY_COLUMNS "\n", out);
    }
    for (size_t first = 0; status == 0 && first < count;) {
        size_t end = first + 1;
        while (end < count && same_curve(sized[first], sized[end]))
            end++;
        fit_group(out, set, &sized[first], end - first, size, cost);
        first = end;
    }
    free(sized);
    free(size);
    free(cost);
    return status;
}
