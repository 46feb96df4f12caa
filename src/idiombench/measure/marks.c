/* marks.c: read the clock and the allocation counters at a loop's start and end.
 * At the start the counters are read before the clock, at the end after it, so that
 * reading them is never inside the timed span; so is the stage published (stage.h, one
 * store each). Callgrind's collection is switched on
 * after the clock at the start and off before it at the end (a flag test when not
 * counting: the same cost in a statement's loop and its empty twin). */
#include "marks.h"
#include "clock.h"
#include "stage.h"
#include "valgrind_compat.h"

static int64_t start_ns = -1, stop_ns = -1;
static alloc_counts start_allocs, stop_allocs;
static bool counting_instructions;

void marks_count_instructions(bool on)
{
    counting_instructions = on;
}

static PyObject *mark_start(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    stage_set_part(STAGE_LOOP);
    probe_alloc_read(&start_allocs);
    start_ns = clock_now_ns();
    if (counting_instructions) {
        CALLGRIND_ZERO_STATS;
        CALLGRIND_TOGGLE_COLLECT;
    }
    Py_RETURN_NONE;
}

static PyObject *mark_stop(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    if (counting_instructions)
        CALLGRIND_TOGGLE_COLLECT;
    stop_ns = clock_now_ns();
    probe_alloc_read(&stop_allocs);
    stage_set_part(STAGE_AROUND);
    Py_RETURN_NONE;
}

static PyMethodDef start_def = {"_idiombench_start", mark_start, METH_NOARGS,
                                "Marks the start of a timed loop."};
static PyMethodDef stop_def = {"_idiombench_stop", mark_stop, METH_NOARGS,
                               "Marks the end of a timed loop."};

int marks_create(PyObject **start, PyObject **stop)
{
    *start = PyCFunction_New(&start_def, NULL);
    *stop = PyCFunction_New(&stop_def, NULL);
    if (*start == NULL || *stop == NULL) {
        Py_CLEAR(*start);
        Py_CLEAR(*stop);
        return -1;
    }
    return 0;
}

void marks_reset(void)
{
    start_ns = stop_ns = -1;
}

int marks_span(mark_span *out)
{
    if (start_ns < 0 || stop_ns < 0)
        return -1;
    out->elapsed_ns = stop_ns - start_ns;
    out->allocs = stop_allocs.allocs - start_allocs.allocs;
    out->bytes = stop_allocs.bytes - start_allocs.bytes;
    return 0;
}
