/* observe.c: exec an observation's code, take repr(result) or the exception. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "observe.h"
#include "pyutil.h"
#include "stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* repr(globals["result"]), or NULL with an exception set. */
static char *result_repr(PyObject *globals)
{
    PyObject *result = PyDict_GetItemString(globals, "result"); /* borrowed */
    if (result == NULL) {
        PyErr_SetString(PyExc_NameError, "the observation's code set no `result`");
        return NULL;
    }
    PyObject *text = PyObject_Repr(result);
    char *value = text ? pyutil_strdup(text) : NULL;
    Py_XDECREF(text);
    return value;
}

int observe_run(const observation_def *o, char **value, char **error)
{
    char filename[512];
    snprintf(filename, sizeof filename, "<%s/%s>", o->family, o->name);
    *value = *error = NULL;
    PyObject *globals = pyutil_new_globals("__main__");
    PyObject *code = globals ? Py_CompileString(o->code, filename, Py_file_input) : NULL;
    PyObject *done = code ? pyutil_eval_code(code, globals) : NULL;
    stage_leave_if_stray(); /* a process the code forked ends here */
    if (done != NULL)
        *value = result_repr(globals);
    if (*value == NULL)
        free(pyutil_take_traceback(error));
    if (globals != NULL)
        PyDict_Clear(globals); /* break cycles through what the code defined */
    Py_XDECREF(done);
    Py_XDECREF(code);
    Py_XDECREF(globals);
    return *value != NULL || *error != NULL ? 0 : -1;
}
