/* results_append.h: measurements.csv, samples.csv and failures.csv of a run, appended
 * to as each case ends, so that writing them costs time linear in the number of rows. */
#ifndef IDIOMBENCH_RESULTS_APPEND_H
#define IDIOMBENCH_RESULTS_APPEND_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "results.h"

enum { RESULTS_APPEND_FILES = 3 }; /* measurements, samples, failures */

typedef struct results_append {
    int fds[RESULTS_APPEND_FILES];    /* -1 when not open */
    off_t kept[RESULTS_APPEND_FILES]; /* bytes written whole: the files end on a row */
    size_t rows_written;              /* rows of results whose lines are in the files */
    size_t failures_written;
    bool broken;                      /* a write failed: nothing more is appended */
} results_append;

/* Creates the three files in dir, each with its header. Returns 0, or -1 with errno set
 * (the files made so far are closed). */
int results_append_open(results_append *a, const char *dir);

/* Appends the rows and failures of r not written yet. A file that cannot take them all
 * (a full disk), or that was removed meanwhile, is cut back to its last whole row, and
 * the appender is broken: returns -1 with errno set, now and from then on. Returns 0 when
 * every row is written. */
int results_append_flush(results_append *a, const results *r);

/* Syncs and closes the files. Returns 0, or -1 with errno set (the files are closed
 * either way). */
int results_append_close(results_append *a);

#endif
