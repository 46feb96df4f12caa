/* probe_instructions.h: instructions per operation, counted by valgrind's callgrind.
 *
 * Only in a harness started by bin/count-instructions: under
 * `valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=DIR/cg.%p`, with
 * IDIOMBENCH_CALLGRIND_DIR=DIR, and --instr-atstart=no. Instrumentation is switched on
 * after a case's warm-up and off after its last dump (switching it off discards the
 * counts, and each switch discards valgrind's translations: twice per case); collection is switched on at the loop's start mark and off at its stop mark
 * (marks.c); the loop's count is dumped with a label of its own and read back from that
 * dump at once, and the dump removed. */
#ifndef IDIOMBENCH_PROBE_INSTRUCTIONS_H
#define IDIOMBENCH_PROBE_INSTRUCTIONS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>

#include "loop.h"

/* True when this process runs under callgrind as bin/count-instructions starts it. */
bool probe_instructions_available(void);

/* Why not, when probe_instructions_available() is false: "not running under callgrind
 * (bin/count-instructions counts instructions)" or "built without valgrind's headers". */
const char *probe_instructions_missing(void);

/* Callgrind's instrumentation on (before a case's samples, after its warm-up) or off
 * (after its last sample): uninstrumented code runs several times faster. */
void probe_instructions_instrument(bool on);

/* Runs the statement's loop and its empty twin once each, uncounted: what the first run
 * pays (byte code specialising, caches filling) is paid before the samples. Returns 0,
 * or -1 with a Python exception set. */
int probe_instructions_warm_up(const loop_twins *twins, Py_ssize_t loops);

/* One sample: the instructions per operation of the statement's loop less its empty
 * twin's, differenced over two runs of both, of `loops` and `loops / 2` operations,
 * each after a full collection (so that the free lists and the collector's counts are
 * the same before each):
 * what every run pays once (the setup, byte code re-specialising for the classes and
 * functions the setup makes anew, 3.11+) cancels out, and the figure is the steady
 * cost. With `loops` 1 (an operation of 1000 items or more) there is one run, and
 * the figure includes that once-per-run cost. Returns 0, or -1 with a Python exception
 * set (the loop raised, or the count could not be read back). */
int probe_instructions_sample(const loop_twins *twins, Py_ssize_t loops, double *net_per_op);

#endif
