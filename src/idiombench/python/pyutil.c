/* pyutil.c: strings, tracebacks and evaluation across CPython 2.7 and 3.6+. */
#include "pyutil.h"

#include <stdio.h>
#include <string.h>

char *pyutil_strdup(PyObject *obj)
{
#if PY_MAJOR_VERSION >= 3
    if (!PyUnicode_Check(obj)) {
        PyErr_SetString(PyExc_TypeError, "expected a str");
        return NULL;
    }
    const char *utf8 = PyUnicode_AsUTF8(obj);
    if (utf8 == NULL)
        return NULL;
    char *copy = strdup(utf8);
#else
    char *copy = NULL;
    if (PyUnicode_Check(obj)) {
        PyObject *bytes = PyUnicode_AsUTF8String(obj);
        if (bytes == NULL)
            return NULL;
        copy = strdup(PyString_AS_STRING(bytes));
        Py_DECREF(bytes);
    } else if (PyString_Check(obj)) {
        copy = strdup(PyString_AS_STRING(obj));
    } else {
        PyErr_SetString(PyExc_TypeError, "expected a str");
        return NULL;
    }
#endif
    if (copy == NULL)
        PyErr_NoMemory();
    return copy;
}

PyObject *pyutil_string(const char *text)
{
#if PY_MAJOR_VERSION >= 3
    return PyUnicode_FromString(text);
#else
    return PyString_FromString(text);
#endif
}

PyObject *pyutil_new_globals(const char *module_name)
{
    PyObject *globals = PyDict_New();
    PyObject *name = pyutil_string(module_name);
    if (globals == NULL || name == NULL ||
        PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) != 0 ||
        PyDict_SetItemString(globals, "__name__", name) != 0)
        Py_CLEAR(globals);
    Py_XDECREF(name);
    return globals;
}

PyObject *pyutil_eval_code(PyObject *code, PyObject *globals)
{
#if PY_MAJOR_VERSION >= 3
    return PyEval_EvalCode(code, globals, globals);
#else
    return PyEval_EvalCode((PyCodeObject *)code, globals, globals);
#endif
}

/* "".join(traceback.format_exception(type, value, tb)) */
static PyObject *format_exception(PyObject *type, PyObject *value, PyObject *tb)
{
    PyObject *module = NULL, *lines = NULL, *empty = NULL, *text = NULL;
    module = PyImport_ImportModule("traceback");
    if (module == NULL)
        goto done;
    lines = PyObject_CallMethod(module, "format_exception", "OOO", type,
                                value ? value : Py_None, tb ? tb : Py_None);
    if (lines == NULL)
        goto done;
    empty = pyutil_string("");
    if (empty == NULL)
        goto done;
    text = PyObject_CallMethod(empty, "join", "O", lines);
done:
    Py_XDECREF(module);
    Py_XDECREF(lines);
    Py_XDECREF(empty);
    return text;
}

/* "TypeName: message" on one line (line breaks in the message become spaces). */
static char *one_line_summary(PyObject *type, PyObject *value)
{
    const char *type_name = PyExceptionClass_Check(type)
                                ? PyExceptionClass_Name(type)
                                : "exception";
    const char *dot = strrchr(type_name, '.');
    type_name = dot ? dot + 1 : type_name;
    PyObject *text = value ? PyObject_Str(value) : NULL;
    char *message = text ? pyutil_strdup(text) : NULL;
    Py_XDECREF(text);
    PyErr_Clear();
    size_t size = strlen(type_name) + (message ? strlen(message) : 0) + 3;
    char *summary = malloc(size);
    if (summary != NULL) {
        snprintf(summary, size, message && message[0] ? "%s: %s" : "%s", type_name,
                 message ? message : "");
        for (char *p = summary; *p != '\0'; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
    }
    free(message);
    return summary;
}

char *pyutil_take_traceback(char **summary)
{
    PyObject *type = NULL, *value = NULL, *tb = NULL;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    char *result = NULL;
    if (type != NULL) {
        PyObject *text = format_exception(type, value, tb);
        if (text != NULL)
            result = pyutil_strdup(text);
        Py_XDECREF(text);
        PyErr_Clear();
    }
    if (result == NULL)
        result = strdup("unknown error (the exception could not be formatted)\n");
    if (summary != NULL)
        *summary = type != NULL ? one_line_summary(type, value)
                                : strdup("unknown error (the exception could not be formatted)");
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return result;
}

void pyutil_pending_save(pyutil_pending *pending)
{
#if PY_VERSION_HEX >= 0x030C0000
    pending->type = pending->traceback = NULL;
    pending->value = PyErr_GetRaisedException();
#else
    PyErr_Fetch(&pending->type, &pending->value, &pending->traceback);
#endif
}

void pyutil_pending_restore(pyutil_pending *pending)
{
    PyErr_Clear();
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(pending->value);
#else
    PyErr_Restore(pending->type, pending->value, pending->traceback);
#endif
    pending->type = pending->value = pending->traceback = NULL;
}

const char *pyutil_version(void)
{
    static char version[32];
    if (version[0] == '\0') {
        /* Py_GetVersion() starts "3.11.7 (main, ...": keep the first word. */
        const char *full = Py_GetVersion();
        size_t length = strcspn(full, " ");
        if (length >= sizeof version - 1)
            length = sizeof version - 2;
        memcpy(version, full, length);
        version[length] = '\0';
#ifdef Py_GIL_DISABLED
        /* A free-threaded build (3.13+) is labelled as bin/pyconfig labels it: 3.14.0t. */
        strcat(version, "t");
#endif
    }
    return version;
}

void pyutil_before_fork(void)
{
#if PY_VERSION_HEX >= 0x03070000
    PyOS_BeforeFork();
#endif
}

void pyutil_after_fork(int in_child)
{
#if PY_VERSION_HEX >= 0x03070000
    if (in_child)
        PyOS_AfterFork_Child();
    else
        PyOS_AfterFork_Parent();
#else
    if (in_child)
        PyOS_AfterFork();
#endif
}

void pyutil_flush_std_streams(void)
{
    static const char *const names[] = {"stdout", "stderr"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        PyObject *stream = PySys_GetObject((char *)names[i]); /* borrowed */
        PyObject *done = stream != NULL && stream != Py_None
                             ? PyObject_CallMethod(stream, "flush", NULL)
                             : NULL;
        Py_XDECREF(done);
        PyErr_Clear();
    }
    fflush(NULL);
}
