/* probe_resources.c: what one run of a loop leaves behind in the process (descriptors)
 * and what the collector and the warnings machinery saw during it.
 *
 * Figures are read before the run and after the loop function has returned, so that
 * what its locals held is already released by reference counting. */
#include "probe_resources.h"
#include "interp.h"
#include "pyutil.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>

#define HAVE_GC_STATS (PY_VERSION_HEX >= 0x03040000)
#define HAVE_RESOURCE_WARNING (PY_MAJOR_VERSION >= 3)
#if HAVE_RESOURCE_WARNING
#define RESOURCE_WARNING PyExc_ResourceWarning
#else
#define RESOURCE_WARNING PyExc_Warning /* never used: no log on 2.7 */
#endif

bool probe_resources_gc_available(void)
{
    return HAVE_GC_STATS;
}

bool probe_resources_warnings_available(void)
{
    return HAVE_RESOURCE_WARNING;
}

int probe_resources_count_entries(const char *dir_path, long *count)
{
    DIR *dir = opendir(dir_path);
    if (dir == NULL)
        return -1;
    long entries = 0;
    struct dirent *entry;
    errno = 0;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            entries++;
    }
    int saved_errno = errno;
    closedir(dir);
    if (saved_errno != 0) {
        errno = saved_errno;
        return -1;
    }
    *count = entries;
    return 0;
}

int probe_resources_open_fds(long *count)
{
    long entries;
    if (probe_resources_count_entries("/proc/self/fd", &entries) != 0)
        return -1;
    *count = entries - 1; /* the descriptor opendir used */
    return 0;
}

static int open_fds(double *count)
{
    long fds;
    if (probe_resources_open_fds(&fds) != 0) {
        PyErr_SetFromErrnoWithFilename(PyExc_OSError, "/proc/self/fd");
        return -1;
    }
    *count = (double)fds;
    return 0;
}

/* One number of a gc.get_stats() entry. */
static int stat_of(PyObject *generation, const char *key, double *out)
{
    PyObject *value = PyDict_Check(generation) ? PyDict_GetItemString(generation, key) : NULL;
    if (value == NULL) {
        PyErr_Format(PyExc_KeyError, "gc.get_stats() entry without '%s'", key);
        return -1;
    }
    *out = PyFloat_AsDouble(value);
    return PyErr_Occurred() ? -1 : 0;
}

/* Collections per generation and objects collected (all generations) so far. */
static int gc_counts(double collections[PROBE_GC_GENERATIONS], double *collected)
{
    memset(collections, 0, PROBE_GC_GENERATIONS * sizeof *collections);
    *collected = 0;
    if (!HAVE_GC_STATS)
        return 0;
    PyObject *gc = PyImport_ImportModule("gc");
    PyObject *stats = gc != NULL ? PyObject_CallMethod(gc, "get_stats", NULL) : NULL;
    PyObject *list = stats != NULL ? PySequence_Fast(stats, "gc.get_stats()") : NULL;
    int status = list != NULL ? 0 : -1;
    for (Py_ssize_t g = 0; status == 0 && g < PySequence_Fast_GET_SIZE(list) &&
                           g < PROBE_GC_GENERATIONS;
         g++) {
        double objects = 0;
        PyObject *generation = PySequence_Fast_GET_ITEM(list, g);
        status = stat_of(generation, "collections", &collections[g]);
        if (status == 0)
            status = stat_of(generation, "collected", &objects);
        *collected += objects;
    }
    Py_XDECREF(list);
    Py_XDECREF(stats);
    Py_XDECREF(gc);
    return status;
}

/* ResourceWarnings among the records of a catch_warnings(record=True) log. */
static int count_resource_warnings(PyObject *log, double *count)
{
    *count = 0;
    Py_ssize_t size = log != NULL ? PyList_Size(log) : 0;
    for (Py_ssize_t i = 0; log != NULL && i < size; i++) {
        PyObject *category = PyObject_GetAttrString(PyList_GET_ITEM(log, i), "category");
        if (category == NULL)
            return -1;
        int is_resource = PyObject_IsSubclass(category, RESOURCE_WARNING);
        Py_DECREF(category);
        if (is_resource < 0)
            return -1;
        *count += is_resource;
    }
    return PyErr_Occurred() ? -1 : 0;
}

/* An empty warnings log: `del log[:]`. */
static int clear_log(PyObject *log)
{
    return log != NULL ? PyList_SetSlice(log, 0, PyList_GET_SIZE(log), NULL) : 0;
}

/* Figures that a run changes, read at one moment. */
static int snapshot(resource_figures *out)
{
    return open_fds(&out->fds_delta) == 0 ? gc_counts(out->collections, &out->collected)
                                          : -1;
}

/* One run of body, gross figures; log is the warnings log (NULL on 2.7). */
static int run_counted(const loop_body *body, PyObject *n, Py_ssize_t loops, PyObject *log,
                       resource_figures *out)
{
    resource_figures before, after;
    mark_span span;
    if (interp_collect() != 0 || clear_log(log) != 0 || snapshot(&before) != 0 ||
        loop_run(body, n, loops, &span) != 0 || snapshot(&after) != 0 ||
        count_resource_warnings(log, &out->resource_warnings) != 0)
        return -1;
    out->fds_delta = after.fds_delta - before.fds_delta;
    for (int g = 0; g < PROBE_GC_GENERATIONS; g++)
        out->collections[g] = after.collections[g] - before.collections[g];
    out->collected = after.collected - before.collected;
    return 0;
}

static void subtract(resource_figures *net, const resource_figures *stmt,
                     const resource_figures *empty)
{
    net->fds_delta = stmt->fds_delta - empty->fds_delta;
    for (int g = 0; g < PROBE_GC_GENERATIONS; g++)
        net->collections[g] = stmt->collections[g] - empty->collections[g];
    net->collected = stmt->collected - empty->collected;
    net->resource_warnings = stmt->resource_warnings - empty->resource_warnings;
}

/* Enters warnings.catch_warnings(record=True) with ResourceWarning always shown: the
 * context manager goes to *manager, the log to *log. Returns 0, or -1 (exception). */
static int catch_warnings(PyObject **manager, PyObject **log)
{
    *manager = *log = NULL;
    if (!HAVE_RESOURCE_WARNING)
        return 0;
    PyObject *warnings = PyImport_ImportModule("warnings");
    PyObject *factory = warnings ? PyObject_GetAttrString(warnings, "catch_warnings") : NULL;
    PyObject *args = PyTuple_New(0);
    PyObject *kwargs = Py_BuildValue("{s:O}", "record", Py_True);
    *manager = factory && args && kwargs ? PyObject_Call(factory, args, kwargs) : NULL;
    *log = *manager ? PyObject_CallMethod(*manager, "__enter__", NULL) : NULL;
    PyObject *filtered = *log ? PyObject_CallMethod(warnings, "simplefilter", "sO", "always",
                                                    RESOURCE_WARNING)
                              : NULL;
    int status = filtered != NULL && PyList_Check(*log) ? 0 : -1;
    if (filtered != NULL && status != 0)
        PyErr_SetString(PyExc_TypeError, "catch_warnings(record=True) gave no list");
    Py_XDECREF(filtered);
    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    Py_XDECREF(factory);
    Py_XDECREF(warnings);
    return status;
}

/* Leaves the catch_warnings context (restoring the filters), keeping a pending
 * exception as it was. */
static void release_warnings(PyObject *manager, PyObject *log, int entered)
{
    if (entered) {
        pyutil_pending pending;
        pyutil_pending_save(&pending);
        PyObject *result = PyObject_CallMethod(manager, "__exit__", "OOO", Py_None, Py_None,
                                               Py_None);
        Py_XDECREF(result);
        pyutil_pending_restore(&pending);
    }
    Py_XDECREF(log);
    Py_XDECREF(manager);
}

int probe_resources_sample(const loop_twins *twins, Py_ssize_t loops, resource_figures *net)
{
    PyObject *manager, *log;
    int status = catch_warnings(&manager, &log);
    int entered = log != NULL;
    resource_figures stmt = {0}, empty = {0};
    if (status == 0)
        status = run_counted(&twins->stmt, twins->n, loops, log, &stmt);
    if (status == 0)
        status = run_counted(&twins->empty, twins->n, loops, log, &empty);
    release_warnings(manager, log, entered);
    if (status == 0)
        subtract(net, &stmt, &empty);
    return status;
}
