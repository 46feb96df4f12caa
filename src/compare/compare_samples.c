/* compare_samples.c: samples.csv → checked rows → series of one version, case, size and
 * metric, each with its samples in round order and their summary. */
#include "compare_samples.h"
#include "csv.h"
#include "fdio.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum column {
    COL_VERSION, COL_FAMILY, COL_CASE, COL_N, COL_METRIC, COL_UNIT, COL_ROUND, COL_VALUE,
    COL_LOOPS, COLUMN_COUNT
};

static const char *const column_names[COLUMN_COUNT] = {
    "python_version", "family", "case", "n", "metric", "unit", "round", "value", "loops"};

struct sample_row {
    char *text;            /* one allocation holding the five strings below */
    const char *version;
    const char *family;
    const char *case_name;
    const char *metric;
    const char *unit;
    long n;                /* -1: no size */
    long round;
    double value;
    long loops;
    long line;             /* where the row starts in the file */
    size_t version_index;
};

/* What parsing needs to carry around. */
typedef struct parser {
    const char *name;      /* the file, for messages */
    csv_reader reader;
    size_t column_index[COLUMN_COUNT];
    size_t header_fields;
    sample_set *set;
    size_t row_capacity;
    char *err;
    size_t err_size;
} parser;

#define FIELD_ECHO "%.60s" /* a bad field is quoted in messages up to this length */

/* --- ordering --------------------------------------------------------------------- */

static size_t digit_run(const char *text)
{
    size_t length = 0;
    while (isdigit((unsigned char)text[length]))
        length++;
    return length;
}

/* Compares the digit runs at *a and *b by value and moves past them; 0 when equal. */
static int compare_numbers(const char **a, const char **b)
{
    while (**a == '0' && isdigit((unsigned char)(*a)[1]))
        (*a)++;
    while (**b == '0' && isdigit((unsigned char)(*b)[1]))
        (*b)++;
    size_t length_a = digit_run(*a), length_b = digit_run(*b);
    if (length_a != length_b)
        return length_a < length_b ? -1 : 1;
    int order = memcmp(*a, *b, length_a);
    *a += length_a;
    *b += length_b;
    return (order > 0) - (order < 0);
}

int compare_samples_compare_versions(const char *a, const char *b)
{
    const char *p = a, *q = b;
    while (*p != '\0' && *q != '\0') {
        if (isdigit((unsigned char)*p) && isdigit((unsigned char)*q)) {
            int order = compare_numbers(&p, &q);
            if (order != 0)
                return order;
        } else if (*p != *q) {
            return (unsigned char)*p < (unsigned char)*q ? -1 : 1;
        } else {
            p++;
            q++;
        }
    }
    if (*p != '\0' || *q != '\0')
        return *p != '\0' ? 1 : -1;
    int order = strcmp(a, b); /* "3.010" and "3.10": equal as versions, not as labels */
    return (order > 0) - (order < 0);
}

static int metric_rank(const char *metric)
{
    static const char *const known[] = {
        "time_per_op", "allocs_per_op", "bytes_per_op", "retained_bytes", "peak_bytes",
        "rss_delta_bytes", "fds_delta", "resource_warnings", "gc_collections_gen0",
        "gc_collections_gen1", "gc_collections_gen2", "gc_collected"};
    int count = (int)(sizeof known / sizeof *known);
    for (int i = 0; i < count; i++)
        if (strcmp(metric, known[i]) == 0)
            return i;
    return count;
}

int compare_samples_compare_metrics(const char *a, const char *b)
{
    int rank_a = metric_rank(a), rank_b = metric_rank(b);
    if (rank_a != rank_b)
        return rank_a < rank_b ? -1 : 1;
    int order = strcmp(a, b);
    return (order > 0) - (order < 0);
}

/* Family, case, n (unsized first), metric. */
static int compare_keys(const char *family_a, const char *case_a, long n_a,
                        const char *metric_a, const char *family_b, const char *case_b,
                        long n_b, const char *metric_b)
{
    int order = strcmp(family_a, family_b);
    if (order == 0)
        order = strcmp(case_a, case_b);
    if (order == 0 && n_a != n_b)
        order = n_a < n_b ? -1 : 1;
    if (order == 0)
        order = compare_samples_compare_metrics(metric_a, metric_b);
    return order;
}

static int compare_rows(const void *left, const void *right)
{
    const sample_row *a = left, *b = right;
    int order = compare_keys(a->family, a->case_name, a->n, a->metric, b->family,
                             b->case_name, b->n, b->metric);
    if (order == 0 && a->version_index != b->version_index)
        order = a->version_index < b->version_index ? -1 : 1;
    if (order == 0 && a->round != b->round)
        order = a->round < b->round ? -1 : 1;
    return order;
}

bool compare_samples_same_key(const sample_series *a, const sample_series *b)
{
    return compare_keys(a->family, a->case_name, a->n, a->metric, b->family, b->case_name,
                        b->n, b->metric) == 0;
}

/* --- the header ------------------------------------------------------------------- */

static int fail(parser *p, const char *format, ...) __attribute__((format(printf, 2, 3)));

static int fail(parser *p, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vsnprintf(p->err, p->err_size, format, args);
    va_end(args);
    return -1;
}

static int no_memory(parser *p)
{
    return fail(p, "out of memory while reading %s", p->name);
}

/* Finds each needed column in the header; names every missing one. */
static int map_columns(parser *p)
{
    char reason[512];
    csv_status status = csv_reader_next(&p->reader, reason, sizeof reason);
    if (status == CSV_ERROR)
        return fail(p, "%s: %s", p->name, reason);
    if (status == CSV_END)
        return fail(p, "%s is empty: expected a header line '%s' and one sample per line "
                    "(is it the samples.csv make compare writes?)", p->name, SAMPLES_COLUMNS);
    char missing[256] = "";
    for (int c = 0; c < COLUMN_COUNT; c++) {
        size_t found = 0, where = 0;
        for (size_t f = 0; f < p->reader.field_count; f++)
            if (strcmp(p->reader.fields[f], column_names[c]) == 0 && found++ == 0)
                where = f;
        if (found > 1)
            return fail(p, "%s: the header names the column '%s' twice; keep one", p->name,
                        column_names[c]);
        if (found == 0) {
            size_t used = strlen(missing);
            snprintf(missing + used, sizeof missing - used, "%s%s", used ? ", " : "",
                     column_names[c]);
        }
        p->column_index[c] = where;
    }
    if (missing[0] != '\0')
        return fail(p, "%s: the header lacks the column(s) %s; samples.csv needs the columns "
                    "%s (is it the file make compare writes?)", p->name, missing,
                    SAMPLES_COLUMNS);
    p->header_fields = p->reader.field_count;
    return 0;
}

/* --- one row ---------------------------------------------------------------------- */

/* A whole number from low up, digits only (no sign, no spaces). */
static int parse_whole(const char *text, long low, long *out)
{
    if (!isdigit((unsigned char)text[0]))
        return -1;
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || value < low)
        return -1;
    *out = value;
    return 0;
}

static int parse_number(const char *text, double *out)
{
    if (text[0] == '\0' || isspace((unsigned char)text[0]))
        return -1;
    char *end;
    errno = 0;
    double value = strtod(text, &end);
    if (*end != '\0' || !isfinite(value))
        return -1;
    *out = value;
    return 0;
}

static const char *field(const parser *p, enum column c)
{
    return p->reader.fields[p->column_index[c]];
}

/* Copies the five labels of the current record into one allocation. */
static int copy_labels(parser *p, sample_row *row)
{
    static const enum column labels[] = {COL_VERSION, COL_FAMILY, COL_CASE, COL_METRIC,
                                         COL_UNIT};
    size_t total = 0;
    for (size_t i = 0; i < 5; i++) {
        if (field(p, labels[i])[0] == '\0')
            return fail(p, "%s:%ld: %s is empty (every row names its python_version, family, "
                        "case, metric and unit)", p->name, row->line, column_names[labels[i]]);
        total += strlen(field(p, labels[i])) + 1;
    }
    row->text = malloc(total);
    if (row->text == NULL)
        return no_memory(p);
    const char **targets[] = {&row->version, &row->family, &row->case_name, &row->metric,
                              &row->unit};
    char *next = row->text;
    for (size_t i = 0; i < 5; i++) {
        size_t length = strlen(field(p, labels[i])) + 1;
        memcpy(next, field(p, labels[i]), length);
        *targets[i] = next;
        next += length;
    }
    return 0;
}

static int parse_figures(parser *p, sample_row *row)
{
    const char *n = field(p, COL_N);
    row->n = -1;
    if (n[0] != '\0' && parse_whole(n, 0, &row->n) != 0)
        return fail(p, "%s:%ld: n '" FIELD_ECHO "' is not a whole number from 0 up (leave it "
                    "empty for a case that does not scale)", p->name, row->line, n);
    if (parse_whole(field(p, COL_ROUND), 1, &row->round) != 0)
        return fail(p, "%s:%ld: round '" FIELD_ECHO "' is not a whole number from 1 up",
                    p->name, row->line, field(p, COL_ROUND));
    if (parse_number(field(p, COL_VALUE), &row->value) != 0)
        return fail(p, "%s:%ld: value '" FIELD_ECHO "' is not a number (each row holds one "
                    "sample, e.g. 12.5; fix or remove that row)", p->name, row->line,
                    field(p, COL_VALUE));
    if (parse_whole(field(p, COL_LOOPS), 0, &row->loops) != 0)
        return fail(p, "%s:%ld: loops '" FIELD_ECHO "' is not a whole number from 0 up",
                    p->name, row->line, field(p, COL_LOOPS));
    return 0;
}

static int add_row(parser *p)
{
    sample_set *set = p->set;
    if (p->reader.field_count != p->header_fields)
        return fail(p, "%s:%ld: %zu fields where the header has %zu (quote a field that "
                    "holds a comma)", p->name, p->reader.record_line, p->reader.field_count,
                    p->header_fields);
    if (set->row_count == p->row_capacity) {
        size_t capacity = p->row_capacity ? p->row_capacity * 2 : 256;
        sample_row *grown = realloc(set->rows, capacity * sizeof *grown);
        if (grown == NULL)
            return no_memory(p);
        set->rows = grown;
        p->row_capacity = capacity;
    }
    sample_row row = {0};
    row.line = p->reader.record_line;
    if (parse_figures(p, &row) != 0 || copy_labels(p, &row) != 0)
        return -1;
    set->rows[set->row_count++] = row;
    return 0;
}

static int read_rows(parser *p)
{
    char reason[512];
    csv_status status;
    while ((status = csv_reader_next(&p->reader, reason, sizeof reason)) == CSV_RECORD)
        if (add_row(p) != 0)
            return -1;
    if (status == CSV_ERROR)
        return fail(p, "%s: %s", p->name, reason);
    return 0;
}

/* --- checks across rows ----------------------------------------------------------- */

/* Every row of a metric must give the same unit. */
static int check_units(parser *p)
{
    const sample_set *set = p->set;
    const sample_row **first = calloc(set->row_count + 1, sizeof *first);
    size_t metrics = 0;
    int status = first ? 0 : no_memory(p);
    for (size_t i = 0; status == 0 && i < set->row_count; i++) {
        const sample_row *row = &set->rows[i];
        size_t k = 0;
        while (k < metrics && strcmp(first[k]->metric, row->metric) != 0)
            k++;
        if (k == metrics)
            first[metrics++] = row;
        else if (strcmp(first[k]->unit, row->unit) != 0)
            status = fail(p, "%s:%ld: metric %s has the unit '" FIELD_ECHO "' here but '"
                          FIELD_ECHO "' at line %ld; one metric has one unit", p->name,
                          row->line, row->metric, row->unit, first[k]->unit, first[k]->line);
    }
    free(first);
    return status;
}

static int compare_labels(const void *a, const void *b)
{
    return compare_samples_compare_versions(*(const char *const *)a, *(const char *const *)b);
}

/* Lists the distinct labels in version order and numbers each row's. */
static int collect_versions(parser *p)
{
    sample_set *set = p->set;
    const char **labels = malloc((set->row_count + 1) * sizeof *labels);
    set->versions = calloc(set->row_count + 1, sizeof *set->versions);
    if (labels == NULL || set->versions == NULL) {
        free(labels);
        return no_memory(p);
    }
    for (size_t i = 0; i < set->row_count; i++)
        labels[i] = set->rows[i].version;
    qsort(labels, set->row_count, sizeof *labels, compare_labels);
    int status = 0;
    for (size_t i = 0; status == 0 && i < set->row_count; i++) {
        if (i > 0 && strcmp(labels[i], labels[i - 1]) == 0)
            continue;
        set->versions[set->version_count] = strdup(labels[i]);
        status = set->versions[set->version_count++] ? 0 : no_memory(p);
    }
    free(labels);
    for (size_t i = 0; status == 0 && i < set->row_count; i++)
        set->rows[i].version_index =
            (size_t)compare_samples_find_version(set, set->rows[i].version);
    return status;
}

static void describe_key(const sample_row *row, char *out, size_t size)
{
    if (row->n >= 0)
        snprintf(out, size, "%s %s/%s n=%ld %s", row->version, row->family, row->case_name,
                 row->n, row->metric);
    else
        snprintf(out, size, "%s %s/%s %s", row->version, row->family, row->case_name,
                 row->metric);
}

/* After sorting: one sample per version, case, size, metric and round. */
static int check_rounds(parser *p)
{
    const sample_set *set = p->set;
    for (size_t i = 1; i < set->row_count; i++) {
        const sample_row *a = &set->rows[i - 1], *b = &set->rows[i];
        if (compare_rows(a, b) != 0)
            continue;
        const sample_row *early = a->line < b->line ? a : b, *late = a->line < b->line ? b : a;
        char key[400];
        describe_key(late, key, sizeof key);
        return fail(p, "%s:%ld: a second sample of %s in round %ld (the first is at line "
                    "%ld); a round gives one sample per case, size and metric", p->name,
                    late->line, key, late->round, early->line);
    }
    return 0;
}

/* --- series ----------------------------------------------------------------------- */

static bool same_series(const sample_row *a, const sample_row *b)
{
    return a->version_index == b->version_index &&
           compare_keys(a->family, a->case_name, a->n, a->metric, b->family, b->case_name,
                        b->n, b->metric) == 0;
}

/* Fills series from rows[first .. first + count). */
static int fill_series(parser *p, sample_series *series, size_t first, size_t count)
{
    const sample_row *rows = &p->set->rows[first];
    series->version = rows[0].version_index;
    series->family = rows[0].family;
    series->case_name = rows[0].case_name;
    series->n = rows[0].n;
    series->metric = rows[0].metric;
    series->unit = rows[0].unit;
    series->count = count;
    series->values = malloc(count * sizeof *series->values);
    double *loops = malloc(count * sizeof *loops);
    int status = series->values && loops ? 0 : no_memory(p);
    for (size_t i = 0; status == 0 && i < count; i++) {
        series->values[i] = rows[i].value;
        loops[i] = (double)rows[i].loops;
    }
    if (status == 0 && stats_summarize(series->values, count, &series->figures) != 0)
        status = no_memory(p);
    if (status == 0)
        series->loops = lround(stats_median_inplace(loops, count));
    free(loops);
    return status;
}

static int group_series(parser *p)
{
    sample_set *set = p->set;
    size_t groups = 0;
    for (size_t i = 0; i < set->row_count; i++)
        groups += i == 0 || !same_series(&set->rows[i - 1], &set->rows[i]);
    set->series = calloc(groups + 1, sizeof *set->series);
    if (set->series == NULL)
        return no_memory(p);
    for (size_t start = 0; start < set->row_count;) {
        size_t end = start + 1;
        while (end < set->row_count && same_series(&set->rows[start], &set->rows[end]))
            end++;
        if (fill_series(p, &set->series[set->series_count++], start, end - start) != 0)
            return -1;
        start = end;
    }
    return 0;
}

/* --- entry points ----------------------------------------------------------------- */

int compare_samples_parse(const char *text, size_t length, const char *name, sample_set *out,
                          char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    parser p = {.name = name, .set = out, .err = err, .err_size = err_size};
    csv_reader_init(&p.reader, text, length);
    int status = map_columns(&p);
    if (status == 0)
        status = read_rows(&p);
    csv_reader_free(&p.reader);
    if (status == 0)
        status = check_units(&p);
    if (status == 0)
        status = collect_versions(&p);
    if (status == 0) {
        if (out->row_count > 0) /* rows is NULL for a header alone */
            qsort(out->rows, out->row_count, sizeof *out->rows, compare_rows);
        status = check_rounds(&p);
    }
    if (status == 0)
        status = group_series(&p);
    if (status != 0)
        compare_samples_free(out);
    return status;
}

int compare_samples_read_file(const char *path, sample_set *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    size_t length;
    char *text = fdio_read_file(path, &length);
    if (text == NULL) {
        snprintf(err, err_size, "cannot read the samples file '%s': %s (check the path "
                 "given to --samples)", path, strerror(errno));
        return -1;
    }
    if (memchr(text, '\0', length) != NULL) {
        snprintf(err, err_size, "%s holds binary data (a NUL byte), not CSV text; give "
                 "--samples the samples.csv make compare writes", path);
        free(text);
        return -1;
    }
    int status = compare_samples_parse(text, length, path, out, err, err_size);
    free(text);
    return status;
}

long compare_samples_find_version(const sample_set *set, const char *label)
{
    for (size_t i = 0; i < set->version_count; i++)
        if (strcmp(set->versions[i], label) == 0)
            return (long)i;
    return -1;
}

void compare_samples_free(sample_set *set)
{
    for (size_t i = 0; i < set->series_count; i++)
        free(set->series[i].values);
    for (size_t i = 0; i < set->row_count; i++)
        free(set->rows[i].text);
    for (size_t i = 0; i < set->version_count; i++)
        free(set->versions[i]);
    free(set->series);
    free(set->rows);
    free(set->versions);
    memset(set, 0, sizeof *set);
}
