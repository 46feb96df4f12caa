/* marks.h: the two callables a timed loop calls at its exact start and end. */
#ifndef IDIOMBENCH_MARKS_H
#define IDIOMBENCH_MARKS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>
#include <stdint.h>

#include "probe_alloc.h"

/* What happened between the last start mark and the last stop mark. */
typedef struct mark_span {
    int64_t elapsed_ns;
    uint64_t allocs;
    uint64_t bytes;
} mark_span;

/* New references to the start and stop callables (C functions taking no argument).
 * Returns 0, or -1 with a Python exception set. */
int marks_create(PyObject **start, PyObject **stop);

/* While on, callgrind collects between the start and stop marks, and nowhere else
 * (probe_instructions.c; the run is under callgrind with --collect-atstart=no). */
void marks_count_instructions(bool on);

/* Forgets both marks, before a loop runs. */
void marks_reset(void);

/* The span between the start and stop marks since the last reset.
 * Returns 0, or -1 when the loop did not reach both marks. */
int marks_span(mark_span *out);

#endif
