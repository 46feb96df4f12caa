/* results_csv.h: measurements.csv, samples.csv, failures.csv, observations.csv and
 * unavailable.csv, tidy and RFC 4180 quoted. */
#ifndef IDIOMBENCH_RESULTS_CSV_H
#define IDIOMBENCH_RESULTS_CSV_H

#include <stdio.h>

#include "results.h"
#include "schema.h"

/* One row of measurements.csv, of samples.csv (a line per sample, round 1..k in the
 * order the row holds them, value with 9 significant digits), of failures.csv. */
void results_csv_measurement(FILE *out, const char *python_version, const result_row *row);
void results_csv_samples(FILE *out, const char *python_version, const result_row *row);
void results_csv_failure(FILE *out, const char *python_version, const failure_row *f);

/* Writes every row to path, whole or not at all. Returns 0, or -1 with errno set. */
int results_csv_write_measurements(const results *r, const char *path);

/* Writes every sample of every row to path (a header alone when none), whole or not
 * at all: python_version,family,case,n,metric,unit,round,value,loops, one line per
 * sample, round 1..k in the order the row holds them, value with 9 significant digits
 * as measurements.csv, loops the row's. */
int results_csv_write_samples(const results *r, const char *path);

/* Writes every failure to path (a header alone when none), whole or not at all. */
int results_csv_write_failures(const results *r, const char *path);

/* Writes every observation to path (a header alone when none), whole or not at all. */
int results_csv_write_observations(const results *r, const char *path);

/* Writes every unavailable figure to path (a header alone when none), whole or not at
 * all: python_version,family,case,metric,reason. */
int results_csv_write_unavailable(const results *r, const char *path);

#endif
