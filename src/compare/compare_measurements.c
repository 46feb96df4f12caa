/* compare_measurements.c: the rounds of each series summarised, as the harness would. */
#include "compare_measurements.h"
#include "csv.h"

static void write_row(FILE *out, const sample_set *set, const sample_series *series)
{
    csv_write_key(out, set->versions[series->version], series->family, series->case_name,
                  series->n);
    csv_write_figures(out, series->metric, series->unit, &series->figures, series->loops);
}

void compare_measurements_write(FILE *out, const sample_set *set)
{
    fputs(MEASUREMENTS_COLUMNS "\n", out);
    for (size_t version = 0; version < set->version_count; version++)
        for (size_t i = 0; i < set->series_count; i++)
            if (set->series[i].version == version)
                write_row(out, set, &set->series[i]);
}
