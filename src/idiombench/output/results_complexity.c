/* results_complexity.c: groups a run's rows by case and metric and fits each group. */
#include "results_complexity.h"
#include "atomic_file.h"
#include "complexity.h"
#include "csv.h"
#include "schema.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool same_series(const result_row *a, const result_row *b)
{
    return strcmp(a->family, b->family) == 0 && strcmp(a->case_name, b->case_name) == 0 &&
           strcmp(a->metric, b->metric) == 0;
}

/* True when an earlier row already started row i's series (it was written then). */
static bool seen_before(const results *r, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (r->rows[k].n >= 0 && same_series(&r->rows[k], &r->rows[i]))
            return true;
    return false;
}

/* Collects row i's series and writes its fit when it has enough sizes. */
static int fit_series(FILE *out, const results *r, size_t i)
{
    long *size = malloc(r->row_count * sizeof *size);
    double *cost = malloc(r->row_count * sizeof *cost);
    if (size == NULL || cost == NULL) {
        free(size);
        free(cost);
        return -1;
    }
    size_t count = 0;
    for (size_t k = i; k < r->row_count; k++) {
        if (r->rows[k].n >= 0 && same_series(&r->rows[i], &r->rows[k])) {
            size[count] = r->rows[k].n;
            cost[count++] = r->rows[k].figures.median;
        }
    }
    const result_row *first = &r->rows[i];
    csv_fit_key key = {r->python_version, first->family, first->case_name, first->metric,
                       first->unit};
    complexity_fit fit;
    if (count >= COMPLEXITY_MIN_SIZES && complexity_fit_costs(size, cost, count, &fit) == 0)
        csv_write_fit(out, &key, count, &fit);
    free(size);
    free(cost);
    return 0;
}

int results_complexity_write(const results *r, const char *path)
{
    atomic_file file;
    if (atomic_file_open(&file, path) != 0)
        return -1;
    fputs(COMPLEXITY_COLUMNS "\n", file.stream);
    for (size_t i = 0; i < r->row_count; i++) {
        if (r->rows[i].n < 0 || seen_before(r, i))
            continue;
        if (fit_series(file.stream, r, i) != 0) {
            atomic_file_abort(&file);
            return -1;
        }
    }
    return atomic_file_commit(&file);
}
