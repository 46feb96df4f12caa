/* embed.h: the embedded interpreter for the unit tests that need Python.
 *
 *   int main(void) {
 *       embed_start();                 // interp_start(PY_EXE_PATH) or a failed summary
 *       RUN(some_test);
 *       RUN(embed_interpreter_stops_cleanly);
 *       return check_summary();
 *   }
 *
 * PY_EXE_PATH comes from mk/unit.mk: the python executable the tests are built for.
 * The helpers run code in one shared namespace (__main__'s globals). */
#ifndef IDIOMBENCH_EMBED_H
#define IDIOMBENCH_EMBED_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "check.h"
#include "interp.h"

#include <limits.h>

#ifndef PY_EXE_PATH
#error "build with -DPY_EXE_PATH='\"/path/to/python\"' (mk/unit.mk does)"
#endif

/* Starts the interpreter once, as the harness does; without it nothing can be tested,
 * so a failure prints the one summary line and exits. */
static inline void embed_start(void)
{
    char err[1024] = "";
    if (interp_start(PY_EXE_PATH, err, sizeof err) != 0) {
        printf("FAIL interp_start(\"%s\"): %s\n0 passed, 1 failed\n", PY_EXE_PATH, err);
        exit(1);
    }
}

static inline PyObject *embed_globals(void)
{
    PyObject *main_module = PyImport_AddModule("__main__"); /* borrowed */
    return main_module ? PyModule_GetDict(main_module) : NULL;
}

/* Runs statements in __main__. Returns 0, or -1 after printing the traceback. */
static inline int embed_run(const char *code)
{
    PyObject *globals = embed_globals();
    PyObject *result = globals ? PyRun_String(code, Py_file_input, globals, globals) : NULL;
    if (result == NULL) {
        printf("    Python raised running:\n%s\n", code);
        PyErr_Print();
        fflush(stderr);
        return -1;
    }
    Py_DECREF(result);
    return 0;
}

/* Evaluates an expression in __main__: a new reference, or NULL after printing. */
static inline PyObject *embed_eval(const char *expression)
{
    PyObject *globals = embed_globals();
    PyObject *result = globals ? PyRun_String(expression, Py_eval_input, globals, globals)
                               : NULL;
    if (result == NULL) {
        printf("    Python raised evaluating: %s\n", expression);
        PyErr_Print();
        fflush(stderr);
    }
    return result;
}

/* An integer expression's value; LONG_MIN when it raised or is not an int. */
static inline long embed_eval_long(const char *expression)
{
    PyObject *value = embed_eval(expression);
    if (value == NULL)
        return LONG_MIN;
    long result = PyLong_Check(value) ? PyLong_AsLong(value) : LONG_MIN;
    if (PyErr_Occurred()) {
        PyErr_Print();
        result = LONG_MIN;
    }
    Py_DECREF(value);
    return result;
}

/* The name of the pending exception's type ("ZeroDivisionError"), without clearing it;
 * "" when none is pending. Static buffer. */
static inline const char *embed_pending_exception(void)
{
    static char name[128];
    name[0] = '\0';
    PyObject *type = PyErr_Occurred(); /* borrowed */
    if (type != NULL && PyType_Check(type))
        snprintf(name, sizeof name, "%s", ((PyTypeObject *)type)->tp_name);
    return name;
}

/* str() of the pending exception's value, then clears it (malloc'd; "" when none). */
static inline char *embed_take_exception_message(void)
{
    PyObject *type = NULL, *value = NULL, *tb = NULL;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    char *message = NULL;
    PyObject *text = value ? PyObject_Str(value) : NULL;
    if (text != NULL && PyUnicode_AsUTF8(text) != NULL)
        message = strdup(PyUnicode_AsUTF8(text));
    PyErr_Clear();
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return message ? message : strdup("");
}

/* Run it last: finalising reports no error. */
TEST(embed_interpreter_stops_cleanly)
{
    CHECK(!PyErr_Occurred());
    CHECK_EQ_INT(interp_stop(), 0);
}

#endif
