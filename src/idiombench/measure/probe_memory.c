/* probe_memory.c: tracemalloc around one run of a loop, read after the loop function has
 * returned (its locals are gone), and the resident set from /proc/self/statm.
 *
 * tracemalloc is driven through its Python functions, outside the span that the marks
 * time; the pass that uses it runs after the timing and allocation passes. */
#include "probe_memory.h"
#include "pyutil.h"
#include "interp.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#define HAVE_TRACEMALLOC (PY_VERSION_HEX >= 0x03040000)
#define HAVE_RESET_PEAK (PY_VERSION_HEX >= 0x03090000)

static PyObject *tracemalloc_module; /* while between begin and end */
static bool started_tracing;         /* begin started it, so end stops it */

bool probe_memory_available(void)
{
    return HAVE_TRACEMALLOC;
}

int probe_memory_parse_statm(const char *text, long page_bytes, double *rss_bytes)
{
    unsigned long size_pages, resident_pages;
    if (text == NULL || sscanf(text, "%lu %lu", &size_pages, &resident_pages) != 2)
        return -1;
    *rss_bytes = (double)resident_pages * (double)page_bytes;
    return 0;
}

int probe_memory_rss_bytes(double *rss_bytes)
{
    char text[256];
    FILE *statm = fopen("/proc/self/statm", "r");
    size_t length = statm != NULL ? fread(text, 1, sizeof text - 1, statm) : 0;
    int saved_errno = errno;
    if (statm != NULL)
        fclose(statm);
    text[length] = '\0';
    if (probe_memory_parse_statm(text, sysconf(_SC_PAGESIZE), rss_bytes) != 0) {
        errno = statm == NULL ? saved_errno : EINVAL;
        PyErr_SetFromErrnoWithFilename(PyExc_OSError, "/proc/self/statm");
        return -1;
    }
    return 0;
}

/* tracemalloc.<name>(), its result discarded. */
static int call_tracemalloc(const char *name)
{
    PyObject *result = PyObject_CallMethod(tracemalloc_module, (char *)name, NULL);
    Py_XDECREF(result);
    return result != NULL ? 0 : -1;
}

/* tracemalloc.get_traced_memory(): (current, peak) in bytes. */
static int traced_memory(double *current, double *peak)
{
    PyObject *pair = PyObject_CallMethod(tracemalloc_module, "get_traced_memory", NULL);
    if (pair == NULL)
        return -1;
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
        Py_DECREF(pair);
        PyErr_SetString(PyExc_TypeError, "tracemalloc.get_traced_memory() is not a pair");
        return -1;
    }
    *current = PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 0));
    *peak = PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 1));
    Py_DECREF(pair);
    return PyErr_Occurred() ? -1 : 0;
}

int probe_memory_begin(void)
{
    if (!HAVE_TRACEMALLOC) {
        PyErr_SetString(PyExc_RuntimeError, "tracemalloc needs CPython 3.4+");
        return -1;
    }
    tracemalloc_module = PyImport_ImportModule("tracemalloc");
    if (tracemalloc_module == NULL)
        return -1;
    PyObject *tracing = PyObject_CallMethod(tracemalloc_module, "is_tracing", NULL);
    if (tracing == NULL)
        return -1;
    started_tracing = !PyObject_IsTrue(tracing);
    Py_DECREF(tracing);
    return started_tracing ? call_tracemalloc("start") : 0;
}

void probe_memory_end(void)
{
    if (tracemalloc_module == NULL)
        return;
    pyutil_pending pending;
    pyutil_pending_save(&pending);
    if (started_tracing)
        call_tracemalloc("stop");
    pyutil_pending_restore(&pending);
    started_tracing = false;
    Py_CLEAR(tracemalloc_module);
}

/* Sets the traced peak to the current traced size. Before 3.9 only a restart does that,
 * and it forgets the traces (fine: only differences from here on are read). */
static int reset_peak(void)
{
    if (HAVE_RESET_PEAK)
        return call_tracemalloc("reset_peak");
    if (!started_tracing) /* someone else's tracing: leave it; the peak may be older */
        return 0;
    return call_tracemalloc("stop") == 0 ? call_tracemalloc("start") : -1;
}

/* One run of body, gross figures. */
static int run_traced(const loop_body *body, PyObject *n, Py_ssize_t loops,
                      memory_figures *out)
{
    double traced_before, peak_before, traced_after, peak_after, rss_before, rss_after;
    mark_span span;
    if (interp_collect() != 0 || reset_peak() != 0 ||
        traced_memory(&traced_before, &peak_before) != 0 ||
        probe_memory_rss_bytes(&rss_before) != 0 || loop_run(body, n, loops, &span) != 0 ||
        traced_memory(&traced_after, &peak_after) != 0 ||
        probe_memory_rss_bytes(&rss_after) != 0)
        return -1;
    out->retained_bytes = traced_after - traced_before;
    out->peak_bytes = peak_after - traced_before;
    out->rss_delta_bytes = rss_after - rss_before;
    return 0;
}

int probe_memory_sample(const loop_twins *twins, Py_ssize_t loops, memory_figures *net)
{
    memory_figures stmt, empty;
    if (tracemalloc_module == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "probe_memory_sample before probe_memory_begin");
        return -1;
    }
    if (run_traced(&twins->stmt, twins->n, loops, &stmt) != 0 ||
        run_traced(&twins->empty, twins->n, loops, &empty) != 0)
        return -1;
    net->retained_bytes = stmt.retained_bytes - empty.retained_bytes;
    net->peak_bytes = stmt.peak_bytes - empty.peak_bytes;
    net->rss_delta_bytes = stmt.rss_delta_bytes - empty.rss_delta_bytes;
    return 0;
}
