/* compare_samples.h: samples.csv (one sample per round of each Python version, case,
 * size and metric) read, checked and grouped into series, each summarised. */
#ifndef IDIOMBENCH_COMPARE_SAMPLES_H
#define IDIOMBENCH_COMPARE_SAMPLES_H

#include <stdbool.h>
#include <stddef.h>

#include "stats.h"

/* samples.csv must have the columns SAMPLES_COLUMNS (in any order; others are ignored). */
#include "schema.h"

/* The samples of one Python version for one case, size and metric. */
typedef struct sample_series {
    size_t version;        /* index into sample_set.versions */
    const char *family;    /* the strings belong to the set */
    const char *case_name;
    long n;                /* -1 when the case does not scale */
    const char *metric;
    const char *unit;
    double *values;        /* one per round, in round order, in unit */
    size_t count;
    summary figures;       /* over values */
    long loops;            /* median of the rounds' loops, rounded */
} sample_series;

typedef struct sample_row sample_row;

typedef struct sample_set {
    char **versions;       /* every python_version label, in version order */
    size_t version_count;
    sample_series *series; /* sorted by family, case, n, metric, then version */
    size_t series_count;
    sample_row *rows;      /* the rows read (they own the strings) */
    size_t row_count;
} sample_set;

/* Reads samples.csv at path. Returns 0, or -1 with one line in err naming the cause
 * (with path and line) and the fix. */
int compare_samples_read_file(const char *path, sample_set *out, char *err, size_t err_size);

/* The same over text already in memory; name stands for the file in messages. */
int compare_samples_parse(const char *text, size_t length, const char *name, sample_set *out,
                          char *err, size_t err_size);

void compare_samples_free(sample_set *set);

/* The index of a python_version label in set->versions, or -1 when it is absent. */
long compare_samples_find_version(const sample_set *set, const char *label);

/* True when a and b are the same case, size and metric (of any versions). */
bool compare_samples_same_key(const sample_series *a, const sample_series *b);

/* Orders labels as versions: digit runs by value (3.9 before 3.10), the rest as text,
 * a prefix first ("3.11.7" before "3.11.7#2"). */
int compare_samples_compare_versions(const char *a, const char *b);

/* Orders metrics as the harness lists them (time_per_op, allocs_per_op, bytes_per_op,
 * then the memory and resource metrics); unknown ones after those, by name. */
int compare_samples_compare_metrics(const char *a, const char *b);

#endif
