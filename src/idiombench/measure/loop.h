/* loop.h: a case compiled like timeit (with its empty twin), calibrated and sampled. */
#ifndef IDIOMBENCH_LOOP_H
#define IDIOMBENCH_LOOP_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>
#include <stdint.h>

#include "catalogue.h"
#include "marks.h"

/* One compiled loop: a function of (iterator, start, stop, n), or, for module scope,
 * a code object run in fresh globals. */
typedef struct loop_body {
    PyObject *function;
    PyObject *code;
} loop_body;

/* The case's statement and the same loop with `pass` instead, for one n. */
typedef struct loop_twins {
    loop_body stmt;
    loop_body empty;
    PyObject *n; /* the size, or None */
} loop_twins;

/* Compiles the case for size n (ignored when the case has no sizes).
 * Returns 0, or -1 with a Python exception set. */
int loop_compile(const case_def *c, long n, loop_twins *out);

void loop_release(loop_twins *twins);

/* Runs body once with `loops` operations and reports the marked span.
 * Returns 0, or -1 with a Python exception set. */
int loop_run(const loop_body *body, PyObject *n, Py_ssize_t loops, mark_span *out);

/* The smallest loop count whose statement loop lasts at least target_ns (at least 1),
 * found by growing it; then both loops run twice more at that count as warm-up.
 * Returns 0, or -1 (exception). */
int loop_calibrate(const loop_twins *twins, int64_t target_ns, Py_ssize_t *loops);

/* One timing sample: the median over `pairs` interleaved runs of statement and empty
 * loop of their difference, in ns per operation. Returns 0, or -1 (exception). */
int loop_sample_ns(const loop_twins *twins, Py_ssize_t loops, int pairs, double *net_ns);

/* Allocation requests and bytes per operation, net of the empty loop (the allocator
 * probe must be installed). Returns 0, or -1 (exception). */
int loop_sample_allocs(const loop_twins *twins, Py_ssize_t loops, double *allocs_per_op,
                       double *bytes_per_op);

#endif
