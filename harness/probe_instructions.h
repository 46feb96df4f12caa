/* probe_instructions.h: instructions per operation, counted by valgrind's callgrind.
 *
 * Only in a harness started by tools/count-instructions: under
 * `valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=DIR/cg.%p`, with
 * IDIOMBENCH_CALLGRIND_DIR=DIR. Collection is switched on at a loop's start mark and off
 * at its stop mark (marks.c), the loop's count is dumped with a label of its own and
 * read back from that dump at once, and the dump removed. */
#ifndef IDIOMBENCH_PROBE_INSTRUCTIONS_H
#define IDIOMBENCH_PROBE_INSTRUCTIONS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>

#include "loop.h"

/* True when this process runs under callgrind as tools/count-instructions starts it. */
bool probe_instructions_available(void);

/* Why not, when probe_instructions_available() is false: "not running under callgrind
 * (tools/count-instructions counts instructions)" or "built without valgrind's headers". */
const char *probe_instructions_missing(void);

/* One sample: (instructions of the statement's loop - those of the empty twin's) / loops,
 * both loops of `loops` operations. Returns 0, or -1 with a Python exception set (the
 * loop raised, or the count could not be read back). */
int probe_instructions_sample(const loop_twins *twins, Py_ssize_t loops, double *net_per_op);

#endif
