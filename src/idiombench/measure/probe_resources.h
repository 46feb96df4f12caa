/* probe_resources.h: descriptors, collections and ResourceWarnings of one loop run. */
#ifndef IDIOMBENCH_PROBE_RESOURCES_H
#define IDIOMBENCH_PROBE_RESOURCES_H

#include <stdbool.h>

#include "loop.h"

#define PROBE_GC_GENERATIONS 3

/* One sample: the statement's run minus its empty twin's, per run. */
typedef struct resource_figures {
    double fds_delta;                            /* descriptors open after minus before */
    double collections[PROBE_GC_GENERATIONS];    /* gc.get_stats()[g]["collections"] */
    double collected;                            /* objects collected, all generations */
    double resource_warnings;                    /* ResourceWarnings emitted */
} resource_figures;

/* True where gc.get_stats exists (CPython 3.4+); otherwise collections and collected
 * stay 0. */
bool probe_resources_gc_available(void);

/* True where ResourceWarning exists (CPython 3.2+); otherwise resource_warnings stays 0. */
bool probe_resources_warnings_available(void);

/* Entries of a directory, "." and ".." aside. Returns 0, or -1 with errno set. */
int probe_resources_count_entries(const char *dir_path, long *count);

/* Descriptors open in this process: entries of /proc/self/fd minus the one that reads
 * the directory. Returns 0, or -1 with errno set. */
int probe_resources_open_fds(long *count);

/* Runs each twin once with `loops` operations, each after a full collection, under
 * warnings.catch_warnings(record=True) with ResourceWarning shown "always", and reports
 * the net figures. Returns 0, or -1 with an exception set. */
int probe_resources_sample(const loop_twins *twins, Py_ssize_t loops, resource_figures *net);

#endif
