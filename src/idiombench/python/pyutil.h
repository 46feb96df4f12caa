/* pyutil.h: small helpers over the parts of the C API that differ between 2.7 and 3.x. */
#ifndef IDIOMBENCH_PYUTIL_H
#define IDIOMBENCH_PYUTIL_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* A malloc'd UTF-8 copy of a str (or 2.7 unicode/str) object, or NULL with a
 * Python exception set (TypeError when obj is not a string). */
char *pyutil_strdup(PyObject *obj);

/* Builds a str object from UTF-8 text; a new reference or NULL. */
PyObject *pyutil_string(const char *text);

/* Takes the pending Python exception and returns it formatted as a malloc'd
 * traceback ("Traceback ...\nValueError: ...\n"); clears the exception.
 * "ExceptionType: message" on one line goes to *summary when summary is not NULL
 * (also malloc'd). */
char *pyutil_take_traceback(char **summary);

/* A new globals dict holding __builtins__ and __name__ = module_name; a new reference,
 * or NULL with an exception set. */
PyObject *pyutil_new_globals(const char *module_name);

/* Evaluates a code object in globals (PyEval_EvalCode's signature changed after 2.7). */
PyObject *pyutil_eval_code(PyObject *code, PyObject *globals);

/* A pending exception set aside while cleanup code calls into Python. */
typedef struct pyutil_pending {
    PyObject *type, *value, *traceback; /* 3.12+ keeps the exception in value alone */
} pyutil_pending;

/* Takes the pending exception (if any) out of the way... */
void pyutil_pending_save(pyutil_pending *pending);

/* ...and puts it back, dropping any exception raised meanwhile. */
void pyutil_pending_restore(pyutil_pending *pending);

/* The interpreter's own repairs around fork(): its locks, threads and at-fork hooks.
 * Call pyutil_before_fork() just before fork() and pyutil_after_fork() in both processes
 * after it (in_child: which one this is). */
void pyutil_before_fork(void);
void pyutil_after_fork(int in_child);

/* Flushes Python's sys.stdout and sys.stderr, then C's streams: for a process about to
 * end with _exit(). Errors are ignored (the exception is cleared). */
void pyutil_flush_std_streams(void);

/* "3.11.7": the running interpreter's version, in a static buffer; "3.14.0t" for a
 * free-threaded build (Py_GIL_DISABLED). */
const char *pyutil_version(void);

#endif
