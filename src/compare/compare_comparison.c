/* compare_comparison.c: one row per case, size, metric and non-baseline version. */
#include "compare_comparison.h"
#include "csv.h"

#include <math.h>

static void write_text(FILE *out, const char *text)
{
    csv_field(out, text);
    fputc(',', out);
}

static void write_figure(FILE *out, double value)
{
    csv_write_figure(out, value);
    fputc(',', out);
}

static void write_row(FILE *out, const sample_set *set, const comparison_set *comparisons,
                      const comparison *row)
{
    const sample_series *other = row->other;
    const sample_comparison *result = &row->result;
    write_text(out, other->family);
    write_text(out, other->case_name);
    csv_write_size(out, other->n);
    fputc(',', out);
    write_text(out, other->metric);
    write_text(out, other->unit);
    write_text(out, set->versions[comparisons->baseline]);
    write_text(out, set->versions[other->version]);
    write_figure(out, row->baseline ? row->baseline->figures.median : NAN);
    write_figure(out, other->figures.median);
    write_figure(out, result->ratio);
    write_figure(out, result->ci_low);
    write_figure(out, result->ci_high);
    write_figure(out, result->p_value);
    write_text(out, compare_stats_test_name(result->test));
    write_text(out, compare_stats_verdict_name(result->verdict, other->metric));
    fprintf(out, "%zu,%zu,", row->baseline ? row->baseline->count : 0, other->count);
    csv_write_figure(out, row->mw_p_value);
    fputc('\n', out);
}

void compare_comparison_write(FILE *out, const sample_set *set,
                              const comparison_set *comparisons)
{
    fputs(COMPARISON_COLUMNS "\n", out);
    for (size_t i = 0; i < comparisons->count; i++)
        write_row(out, set, comparisons, &comparisons->rows[i]);
}
