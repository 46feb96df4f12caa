/* results.h: the figures and failures of a run, held in memory until written. */
#ifndef IDIOMBENCH_RESULTS_H
#define IDIOMBENCH_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "stats.h"

/* Identifies what was measured: a case of a family at one size (n < 0: no size). */
typedef struct result_key {
    const char *family;
    const char *case_name;
    long n;
} result_key;

struct case_def; /* catalogue.h */

/* The key of case c at size n: n stays -1 when the case does not scale. */
result_key results_key_of_case(const struct case_def *c, long n);

typedef struct result_row {
    char *family;
    char *case_name;
    long n;             /* -1 when the case does not scale */
    const char *metric; /* "time_per_op", "allocs_per_op", "bytes_per_op" */
    const char *unit;   /* "ns", "allocs", "bytes" */
    summary figures;
    long loops;         /* operations per sample */
    double *samples;    /* the samples that figures summarises, in the order taken (the
                         * first is round 1); NULL when the row has none */
    size_t sample_count;
} result_row;

typedef struct failure_row {
    char *family;
    char *case_name;
    long n;
    char *stage;     /* "compile", "calibrate", "time", "allocs" */
    char *error;     /* the exception's last line, or the reason */
    char *traceback; /* the whole traceback; may be empty */
} failure_row;

typedef struct observation_row {
    char *family;
    char *name;
    char *value; /* repr of the observed result; "" when the code raised */
    char *error; /* "Type: message" when the code raised; "" otherwise */
} observation_row;

/* A figure that a case's instruments would give but this Python cannot: one per case
 * and metric (metric "*" when the case itself needs a newer Python). */
typedef struct unavailable_row {
    char *family;
    char *case_name;
    char *metric; /* "allocs_per_op", ..., or "*" for the whole case */
    char *reason; /* "no allocator API in Python 2.7.18", "needs Python 3.6+ (f-strings)" */
} unavailable_row;

typedef struct results {
    char *python_version;
    result_row *rows;
    size_t row_count;
    failure_row *failures;
    size_t failure_count;
    observation_row *observations;
    size_t observation_count;
    unavailable_row *unavailable;
    size_t unavailable_count;
} results;

/* Starts an empty set of results for one Python version. Returns 0 or -1. */
int results_init(results *r, const char *python_version);

/* Adds one row without samples; metric and unit must be static strings. Returns 0 or
 * -1 (memory). */
int results_add_row(results *r, result_key key, const char *metric, const char *unit,
                    const summary *figures, long loops);

/* Adds one row with the sample_count samples its figures summarise, copied in the
 * order given (the order they were taken: samples.csv numbers them 1..sample_count).
 * metric and unit must be static strings. Returns 0 or -1 (memory). */
int results_add_sampled_row(results *r, result_key key, const char *metric,
                            const char *unit, const summary *figures,
                            const double *samples, size_t sample_count, long loops);

/* Records a failed case. Returns 0 or -1 (memory). */
int results_add_failure(results *r, result_key key, const char *stage, const char *error,
                        const char *traceback);

/* Records an observation; value or error may be NULL. Returns 0 or -1 (memory). */
int results_add_observation(results *r, const char *family, const char *name,
                            const char *value, const char *error);

/* Records a figure this Python cannot give for a case. Returns 0 or -1 (memory). */
int results_add_unavailable(results *r, const char *family, const char *case_name,
                            const char *metric, const char *reason);

void results_free(results *r);

#endif
