/* interp.h: one embedded interpreter per process, started isolated and repeatable. */
#ifndef IDIOMBENCH_INTERP_H
#define IDIOMBENCH_INTERP_H

#include <stddef.h>

/* Starts the interpreter: no site, no user site, no PYTHON* environment, hash seed 0.
 * program_path is the python executable the harness was built for (it locates the
 * standard library). Returns 0, or -1 with a message in err. */
int interp_start(const char *program_path, char *err, size_t err_size);

/* Finalises the interpreter. Returns 0, or -1 when finalisation reported an error. */
int interp_stop(void);

/* Sets gc enabled or disabled; returns the previous state (1/0), or -1 on error. */
int interp_set_gc(int enabled);

/* Runs a full collection (gc.collect(), which works while the collector is disabled;
 * it also empties CPython's free lists). Returns 0, or -1 with an exception set. */
int interp_collect(void);

#endif
