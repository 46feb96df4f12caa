/* catalogue_syntax.c: the cases compiled before the run, errors at the file's line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "catalogue_syntax.h"
#include "fdio.h"
#include "loop.h"
#include "pyutil.h"
#include "unavailable.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether the case compiles with stmt as its statement; an exception is left pending
 * when it does not. */
static bool compiles(const case_def *c, const char *stmt)
{
    case_def copy = *c;
    copy.stmt = (char *)stmt;
    loop_twins twins;
    if (loop_compile(&copy, c->sizes != NULL ? c->sizes[0] : 0, &twins) != 0)
        return false;
    loop_release(&twins);
    return true;
}

/* A malloc'd copy of the attribute name of obj, a string; NULL when it is none. */
static char *string_attribute(PyObject *obj, const char *name)
{
    PyObject *value = obj != NULL ? PyObject_GetAttrString(obj, name) : NULL;
    char *copy = value != NULL && value != Py_None ? pyutil_strdup(value) : NULL;
    PyErr_Clear();
    Py_XDECREF(value);
    return copy;
}

/* The pending exception taken: for a SyntaxError (true) its message and the text of
 * the line at fault (NULL when it has none); for another, "Type: message" as message. */
static bool take_error(char **message, char **text)
{
    *message = *text = NULL;
    if (!PyErr_ExceptionMatches(PyExc_SyntaxError)) {
        free(pyutil_take_traceback(message));
        return false;
    }
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    *message = string_attribute(value, "msg");
    *text = string_attribute(value, "text");
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return true;
}

/* The line of c->source that holds text (blanks around it ignored) at or after the line
 * where the case is named; that line when text is not found; 0 when neither is. */
static long line_of(const case_def *c, const char *text)
{
    long named = catalogue_case_line(c);
    char *source = text != NULL && named > 0 ? fdio_read_file(c->source, NULL) : NULL;
    if (source == NULL)
        return named;
    size_t start = strspn(text, " \t");
    size_t length = strlen(text + start);
    while (length > 0 && strchr(" \t\r\n", text[start + length - 1]) != NULL)
        length--;
    const char *from = source;
    for (long line = 1; line < named && (from = strchr(from, '\n')) != NULL; line++)
        from++;
    long found = named;
    char *needle = length > 0 && from != NULL ? strndup(text + start, length) : NULL;
    const char *at = needle != NULL ? strstr(from, needle) : NULL;
    for (const char *p = from; at != NULL && p < at; p++)
        found += *p == '\n';
    free(needle);
    free(source);
    return found;
}

static int report(const case_def *c, char *err, size_t err_size)
{
    char *message, *text;
    bool syntax = take_error(&message, &text);
    const char *part = compiles(c, "pass") ? "stmt" : "setup";
    PyErr_Clear();
    long line = line_of(c, text);
    int used = line > 0 ? snprintf(err, err_size, "%s:%ld: ", c->source, line)
                        : snprintf(err, err_size, "%s: ", c->source);
    if (used >= 0 && (size_t)used < err_size)
        snprintf(err + used, err_size - (size_t)used,
                 "case '%s': %s in its %s: %s (fix the %s)", c->name,
                 syntax ? "syntax error" : "cannot compile the code", part,
                 message != NULL ? message : "invalid syntax", part);
    free(message);
    free(text);
    return -1;
}

int catalogue_syntax_check(const catalogue *cat, char *err, size_t err_size)
{
    for (size_t i = 0; i < cat->count; i++) {
        const case_def *c = &cat->cases[i];
        if (unavailable_case(c, pyutil_version(), NULL, 0))
            continue;
        if (!compiles(c, c->stmt))
            return report(c, err, err_size);
    }
    return 0;
}

int catalogue_syntax_load_checked(const char *path, int timeout_s, catalogue *out, char *err,
                                  size_t err_size)
{
    if (catalogue_load_within(path, timeout_s, out, err, err_size) != 0)
        return -1;
    if (catalogue_syntax_check(out, err, err_size) == 0)
        return 0;
    catalogue_free(out);
    return -1;
}
