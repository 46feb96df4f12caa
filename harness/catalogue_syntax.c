/* catalogue_syntax.c: the cases compiled before the run, errors at the file's line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "catalogue_syntax.h"
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

/* The pending exception taken: for a SyntaxError its message and the text of the line
 * at fault; for another, "Type: message" as message and no text. */
static void take_error(char **message, char **text)
{
    *message = *text = NULL;
    if (!PyErr_ExceptionMatches(PyExc_SyntaxError)) {
        free(pyutil_take_traceback(message));
        return;
    }
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    *message = string_attribute(value, "msg");
    *text = string_attribute(value, "text");
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

/* The file's text, malloc'd, or NULL. */
static char *read_text(const char *path)
{
    FILE *stream = fopen(path, "rb");
    if (stream == NULL)
        return NULL;
    char *text = NULL;
    size_t length = 0;
    FILE *memory = open_memstream(&text, &length);
    int ch;
    while (memory != NULL && (ch = getc(stream)) != EOF)
        putc(ch, memory);
    fclose(stream);
    if (memory != NULL)
        fclose(memory);
    return text;
}

/* The line of c->source that holds text (blanks around it ignored) at or after the
 * case's own line; the case's line when it is not found. */
static long line_of(const case_def *c, const char *text)
{
    char *source = text != NULL && c->line > 0 ? read_text(c->source) : NULL;
    if (source == NULL)
        return c->line;
    size_t start = strspn(text, " \t");
    size_t length = strlen(text + start);
    while (length > 0 && strchr(" \t\r\n", text[start + length - 1]) != NULL)
        length--;
    const char *from = source;
    for (long line = 1; line < c->line && (from = strchr(from, '\n')) != NULL; line++)
        from++;
    long found = c->line;
    for (const char *at = from; length > 0 && at != NULL && *at != '\0'; at++) {
        if (strncmp(at, text + start, length) == 0) {
            for (const char *p = from; p < at; p++)
                found += *p == '\n';
            break;
        }
    }
    free(source);
    return found;
}

static int report(const case_def *c, char *err, size_t err_size)
{
    char *message, *text;
    take_error(&message, &text);
    const char *part = compiles(c, "pass") ? "stmt" : "setup";
    PyErr_Clear();
    long line = line_of(c, text);
    int used = line > 0 ? snprintf(err, err_size, "%s:%ld: ", c->source, line)
                        : snprintf(err, err_size, "%s: ", c->source);
    if (used >= 0 && (size_t)used < err_size)
        snprintf(err + used, err_size - (size_t)used,
                 "case '%s': %s in its %s: %s (fix the %s)", c->name,
                 text != NULL ? "syntax error" : "cannot compile the code", part,
                 message != NULL ? message : "invalid syntax", part);
    free(message);
    free(text);
    return -1;
}

int catalogue_check_syntax(const catalogue *cat, char *err, size_t err_size)
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

int catalogue_load_checked(const char *path, int timeout_s, catalogue *out, char *err,
                           size_t err_size)
{
    if (catalogue_load_within(path, timeout_s, out, err, err_size) != 0)
        return -1;
    if (catalogue_check_syntax(out, err, err_size) == 0)
        return 0;
    catalogue_free(out);
    return -1;
}
