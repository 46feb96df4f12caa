/* probe_memory.h: what one run of a case's loop leaves alive (tracemalloc) and RSS. */
#ifndef IDIOMBENCH_PROBE_MEMORY_H
#define IDIOMBENCH_PROBE_MEMORY_H

#include <stdbool.h>

#include "loop.h"

/* One sample: the statement's run minus its empty twin's, in bytes per run. */
typedef struct memory_figures {
    double retained_bytes;  /* traced bytes still allocated once the run has returned */
    double peak_bytes;      /* the traced peak during the run, above its start */
    double rss_delta_bytes; /* resident set after the run minus before */
} memory_figures;

/* True where tracemalloc exists (CPython 3.4+). */
bool probe_memory_available(void);

/* Imports tracemalloc and starts it unless it is tracing already. Call once before the
 * samples. Returns 0, or -1 with an exception set. */
int probe_memory_begin(void);

/* Stops tracemalloc if probe_memory_begin started it (a pending exception survives). */
void probe_memory_end(void);

/* Runs each twin once with `loops` operations, each after a full collection and a
 * reset of the traced peak, and reports the net figures. Returns 0, or -1 (exception). */
int probe_memory_sample(const loop_twins *twins, Py_ssize_t loops, memory_figures *net);

/* The resident set from the text of /proc/self/statm ("size resident ..." in pages).
 * Returns 0, or -1 when the text has no resident field. */
int probe_memory_parse_statm(const char *text, long page_bytes, double *rss_bytes);

/* The process's resident set now. Returns 0, or -1 with an OSError set. */
int probe_memory_rss_bytes(double *rss_bytes);

#endif
