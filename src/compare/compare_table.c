/* compare_table.c: measures the columns of each section, then prints it. */
#include "compare_table.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define NOT_MEASURED "\xE2\x80\x94" /* — */
#define ELLIPSIS "\xE2\x80\xA6"     /* … */
#define MIN_VERSION_WIDTH 7         /* "12.34x+" */
#define MIN_NAME_WIDTH 24
#define VERDICTS 4                  /* comparison_verdict's values */
#define CELL_SIZE 64

typedef struct table {
    FILE *out;
    const sample_set *set;
    const comparison_set *comparisons;
    const comparison **comparison_of; /* by series index; NULL for the baseline's */
    const char *metric;               /* the section's */
    int name_width;
    int baseline_width;
    int *version_width;               /* by version index */
    size_t *counts;                   /* [version × VERDICTS] */
} table;

/* --- text ------------------------------------------------------------------------ */

/* Columns text takes on a terminal: UTF-8 continuation bytes take none. */
static int display_width(const char *text)
{
    int width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
        width += (*p & 0xC0) != 0x80;
    return width;
}

static void print_right(FILE *out, const char *text, int width)
{
    for (int pad = width - display_width(text); pad > 0; pad--)
        fputc(' ', out);
    fputs(text, out);
}

static void print_left(FILE *out, const char *text, int width)
{
    fputs(text, out);
    for (int pad = width - display_width(text); pad > 0; pad--)
        fputc(' ', out);
}

/* "family/case" or "family/case n=1000", cut to width columns with an ellipsis. */
static void format_name(const sample_series *series, int width, char *out, size_t size)
{
    if (series->n >= 0)
        snprintf(out, size, "%s/%s n=%ld", series->family, series->case_name, series->n);
    else
        snprintf(out, size, "%s/%s", series->family, series->case_name);
    if (width <= 0 || display_width(out) <= width)
        return;
    size_t keep = 0;
    for (int columns = 0; out[keep] != '\0'; keep++) {
        columns += ((unsigned char)out[keep] & 0xC0) != 0x80;
        if (columns == width) /* this character is where the ellipsis goes */
            break;
    }
    snprintf(out + keep, size - keep, ELLIPSIS);
}

/* Three significant digits, or the whole number when the value is one. */
static void format_number(double value, char *out, size_t size)
{
    double magnitude = fabs(value);
    if (value == floor(value) && magnitude < 1e6)
        snprintf(out, size, "%.0f", value);
    else if (magnitude < 10.0)
        snprintf(out, size, "%.2f", value);
    else if (magnitude < 100.0)
        snprintf(out, size, "%.1f", value);
    else
        snprintf(out, size, "%.0f", value);
}

/* A median with a readable unit: ns → µs, ms, s; bytes → KiB, MiB, GiB. */
static void format_quantity(double value, const char *unit, char *out, size_t size)
{
    static const char *const times[] = {"ns", "\xC2\xB5s", "ms", "s"};
    static const char *const bytes[] = {"B", "KiB", "MiB", "GiB"};
    const char *const *scale = strcmp(unit, "ns") == 0      ? times
                               : strcmp(unit, "bytes") == 0 ? bytes
                                                            : NULL;
    double step = scale == times ? 1000.0 : 1024.0;
    int level = 0;
    while (scale != NULL && level < 3 && fabs(value) >= step) {
        value /= step;
        level++;
    }
    char number[CELL_SIZE];
    format_number(value, number, sizeof number);
    snprintf(out, size, "%s %s", number, scale ? scale[level] : unit);
}

static void format_ratio(double ratio, char *out, size_t size)
{
    double magnitude = fabs(ratio);
    const char *format = magnitude >= 1e5 || (magnitude < 1e-3 && magnitude > 0.0) ? "%.0e"
                         : magnitude >= 100.0                                    ? "%.0f"
                         : magnitude >= 10.0                                     ? "%.1f"
                         : magnitude >= 0.01 || magnitude == 0.0                 ? "%.2f"
                                                                                 : "%.3f";
    snprintf(out, size, format, ratio);
}

static char verdict_mark(comparison_verdict verdict)
{
    switch (verdict) {
    case VERDICT_HIGHER:
        return '+';
    case VERDICT_LOWER:
        return '-';
    case VERDICT_NO_DIFFERENCE:
        return ' ';
    default:
        return '?';
    }
}

/* "1.23x+", "n/a?", or "—" when the version has no samples (row NULL). */
static void format_cell(const comparison *row, char *out, size_t size)
{
    if (row == NULL) {
        snprintf(out, size, NOT_MEASURED);
        return;
    }
    char mark = verdict_mark(row->result.verdict);
    if (isnan(row->result.ratio)) {
        snprintf(out, size, "n/a%c", mark);
        return;
    }
    char ratio[CELL_SIZE];
    format_ratio(row->result.ratio, ratio, sizeof ratio);
    if (mark != ' ' && mark != '?' && strcmp(ratio, "1.00") == 0) /* a difference: show it */
        snprintf(ratio, sizeof ratio, "%.3f", row->result.ratio);
    snprintf(out, size, "%sx%c", ratio, mark);
}

/* --- walking the series of the section's metric ------------------------------------ */

/* The end of the group of series sharing series[first]'s key. */
static size_t group_end(const sample_set *set, size_t first)
{
    size_t end = first + 1;
    while (end < set->series_count &&
           compare_samples_same_key(&set->series[first], &set->series[end]))
        end++;
    return end;
}

/* The series of version among series[first .. end), or (size_t)-1. */
static size_t find_version(const sample_set *set, size_t first, size_t end, size_t version)
{
    for (size_t i = first; i < end; i++)
        if (set->series[i].version == version)
            return i;
    return (size_t)-1;
}

static bool in_section(const table *t, size_t first)
{
    return strcmp(t->set->series[first].metric, t->metric) == 0;
}

static void format_baseline(const table *t, size_t first, size_t end, char *out,
                            size_t size)
{
    size_t base = find_version(t->set, first, end, t->comparisons->baseline);
    if (base == (size_t)-1)
        snprintf(out, size, NOT_MEASURED);
    else
        format_quantity(t->set->series[base].figures.median, t->set->series[base].unit, out,
                        size);
}

static const comparison *comparison_in(const table *t, size_t first, size_t end,
                                       size_t version)
{
    size_t i = find_version(t->set, first, end, version);
    return i == (size_t)-1 ? NULL : t->comparison_of[i];
}

/* --- one section -------------------------------------------------------------------- */

static void measure_columns(table *t)
{
    const sample_set *set = t->set;
    /* the verdict counts' labels go in the name column too */
    int names = display_width(compare_stats_verdict_name(VERDICT_INSUFFICIENT_DATA, "")),
        others = 0;
    t->baseline_width = display_width(set->versions[t->comparisons->baseline]);
    for (size_t first = 0; first < set->series_count; first = group_end(set, first)) {
        if (!in_section(t, first))
            continue;
        char text[512];
        format_name(&set->series[first], 0, text, sizeof text);
        names = display_width(text) > names ? display_width(text) : names;
        format_baseline(t, first, group_end(set, first), text, sizeof text);
        if (display_width(text) > t->baseline_width)
            t->baseline_width = display_width(text);
    }
    for (size_t v = 0; v < set->version_count; v++) {
        int label = display_width(set->versions[v]);
        t->version_width[v] = label > MIN_VERSION_WIDTH ? label : MIN_VERSION_WIDTH;
        others += v == t->comparisons->baseline ? 0 : t->version_width[v] + 2;
    }
    int room = TABLE_WIDTH - (t->baseline_width + 2) - others;
    int cap = room > MIN_NAME_WIDTH ? room : MIN_NAME_WIDTH;
    t->name_width = names < cap ? names : cap;
}

static void print_header(const table *t)
{
    const sample_set *set = t->set;
    fprintf(t->out, "%s: median on %s, and each version's ratio to it (of geometric means; "
            "of means if a sample is <= 0)\n", t->metric, set->versions[t->comparisons->baseline]);
    print_left(t->out, "case", t->name_width);
    fputs("  ", t->out);
    print_right(t->out, set->versions[t->comparisons->baseline], t->baseline_width);
    for (size_t v = 0; v < set->version_count; v++) {
        if (v == t->comparisons->baseline)
            continue;
        fputs("  ", t->out);
        print_right(t->out, set->versions[v], t->version_width[v]);
    }
    fputc('\n', t->out);
}

static void print_row(table *t, size_t first, size_t end)
{
    const sample_set *set = t->set;
    char text[512];
    format_name(&set->series[first], t->name_width, text, sizeof text);
    print_left(t->out, text, t->name_width);
    fputs("  ", t->out);
    format_baseline(t, first, end, text, sizeof text);
    print_right(t->out, text, t->baseline_width);
    for (size_t v = 0; v < set->version_count; v++) {
        if (v == t->comparisons->baseline)
            continue;
        const comparison *row = comparison_in(t, first, end, v);
        if (row != NULL)
            t->counts[v * VERDICTS + row->result.verdict]++;
        format_cell(row, text, sizeof text);
        fputs("  ", t->out);
        print_right(t->out, text, t->version_width[v]);
    }
    fputc('\n', t->out);
}

/* One line per verdict: how many rows each version got it (insufficient data only
 * when some version has such a row). */
static void print_counts(const table *t)
{
    static const comparison_verdict order[] = {VERDICT_LOWER, VERDICT_HIGHER,
                                               VERDICT_NO_DIFFERENCE, VERDICT_INSUFFICIENT_DATA};
    const sample_set *set = t->set;
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        size_t total = 0;
        for (size_t v = 0; v < set->version_count; v++)
            total += t->counts[v * VERDICTS + order[k]];
        if (order[k] == VERDICT_INSUFFICIENT_DATA && total == 0)
            continue;
        print_left(t->out, compare_stats_verdict_name(order[k], t->metric), t->name_width);
        fputs("  ", t->out);
        print_right(t->out, "", t->baseline_width);
        for (size_t v = 0; v < set->version_count; v++) {
            if (v == t->comparisons->baseline)
                continue;
            char count[32];
            snprintf(count, sizeof count, "%zu ", t->counts[v * VERDICTS + order[k]]);
            fputs("  ", t->out);
            print_right(t->out, count, t->version_width[v]);
        }
        fputc('\n', t->out);
    }
}

static void print_legend(const table *t)
{
    fprintf(t->out, "%c %s, %c %s than %s beyond the noise (%g%% CI of the ratio excludes "
            "1); no mark: no difference; ?: under 2 samples; n/a: no ratio; " NOT_MEASURED
            ": not measured\n", verdict_mark(VERDICT_HIGHER),
            compare_stats_verdict_name(VERDICT_HIGHER, t->metric), verdict_mark(VERDICT_LOWER),
            compare_stats_verdict_name(VERDICT_LOWER, t->metric),
            t->set->versions[t->comparisons->baseline], 100.0 * t->comparisons->confidence);
}

static void print_section(table *t)
{
    measure_columns(t);
    memset(t->counts, 0, t->set->version_count * VERDICTS * sizeof *t->counts);
    print_header(t);
    for (size_t first = 0; first < t->set->series_count;) {
        size_t end = group_end(t->set, first);
        if (in_section(t, first))
            print_row(t, first, end);
        first = end;
    }
    print_counts(t);
    print_legend(t);
}

/* --- entry point ------------------------------------------------------------------- */

static int compare_metric_names(const void *a, const void *b)
{
    return compare_samples_compare_metrics(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct metrics of the set in the harness's order; returns how many. */
static size_t list_metrics(const sample_set *set, const char **metrics)
{
    size_t count = 0;
    for (size_t i = 0; i < set->series_count; i++) {
        size_t k = 0;
        while (k < count && strcmp(metrics[k], set->series[i].metric) != 0)
            k++;
        if (k == count)
            metrics[count++] = set->series[i].metric;
    }
    qsort(metrics, count, sizeof *metrics, compare_metric_names);
    return count;
}

static void print_sections(table *t, table_scope scope, const char **metrics)
{
    size_t count = list_metrics(t->set, metrics);
    bool printed = false;
    for (size_t k = 0; k < count; k++) {
        if (scope == TABLE_TIME && strcmp(metrics[k], "time_per_op") != 0)
            continue;
        if (printed)
            fputc('\n', t->out);
        t->metric = metrics[k];
        print_section(t);
        printed = true;
    }
    if (!printed)
        fprintf(t->out, "no %ssamples to compare\n", scope == TABLE_TIME ? "time_per_op " : "");
}

int compare_table_print(FILE *out, const sample_set *set, const comparison_set *comparisons,
                        table_scope scope)
{
    if (scope == TABLE_NONE)
        return 0;
    table t = {out, set, comparisons, NULL, NULL, 0, 0, NULL, NULL};
    size_t slots = set->series_count + set->version_count + 1;
    t.comparison_of = calloc(slots, sizeof *t.comparison_of);
    t.version_width = calloc(slots, sizeof *t.version_width);
    t.counts = calloc(slots * VERDICTS, sizeof *t.counts);
    const char **metrics = calloc(slots, sizeof *metrics);
    int status = t.comparison_of && t.version_width && t.counts && metrics ? 0 : -1;
    for (size_t i = 0; status == 0 && i < comparisons->count; i++)
        t.comparison_of[comparisons->rows[i].other - set->series] = &comparisons->rows[i];
    if (status == 0)
        print_sections(&t, scope, metrics);
    free(t.comparison_of);
    free(t.version_width);
    free(t.counts);
    free(metrics);
    return status;
}
