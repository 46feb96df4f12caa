/* catalogue.c: runs each catalogue file in the interpreter and reads its CASES. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "catalogue.h"
#include "instruments.h"
#include "pyutil.h"
#include "catalogue_wire.h"
#include "fdio.h"
#include "trial.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const known_keys[] = {
    "name", "setup", "stmt", "sizes", "instruments", "gc", "scope", "teardown", "min_python",
    NULL};

typedef struct loader {
    const char *path;
    const char *source; /* the file's text, to find a case's line in */
    long line;          /* the line of the case being read; 0 when unknown */
    char *err;
    size_t err_size;
} loader;

static int fail(loader *ld, const char *format, ...)
{
    int used = ld->line > 0 ? snprintf(ld->err, ld->err_size, "%s:%ld: ", ld->path, ld->line)
                            : snprintf(ld->err, ld->err_size, "%s: ", ld->path);
    if (used < 0 || (size_t)used >= ld->err_size)
        return -1;
    va_list args;
    va_start(args, format);
    vsnprintf(ld->err + used, ld->err_size - (size_t)used, format, args);
    va_end(args);
    return -1;
}

/* "file.py:12: invalid syntax" from a pending SyntaxError (or other exception). */
static int fail_with_exception(loader *ld, const char *doing)
{
    if (PyErr_ExceptionMatches(PyExc_SyntaxError)) {
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_NormalizeException(&type, &value, &tb);
        long line = 0;
        char *message = NULL;
        PyObject *lineno = value ? PyObject_GetAttrString(value, "lineno") : NULL;
        PyObject *msg = value ? PyObject_GetAttrString(value, "msg") : NULL;
        if (lineno != NULL && PyLong_Check(lineno))
            line = PyLong_AsLong(lineno);
#if PY_MAJOR_VERSION < 3
        if (lineno != NULL && PyInt_Check(lineno))
            line = PyInt_AsLong(lineno);
#endif
        if (msg != NULL)
            message = pyutil_strdup(msg);
        PyErr_Clear();
        Py_XDECREF(lineno);
        Py_XDECREF(msg);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        snprintf(ld->err, ld->err_size,
                 "%s:%ld: syntax error in catalogue file: %s (fix that line)", ld->path,
                 line, message ? message : "invalid syntax");
        free(message);
        return -1;
    }
    char *summary = NULL;
    free(pyutil_take_traceback(&summary));
    fail(ld, "%s failed: %s (fix the catalogue file)", doing, summary ? summary : "?");
    free(summary);
    return -1;
}

static int read_string(loader *ld, PyObject *entry, const char *key, const char *fallback,
                       const char *case_name, char **out)
{
    PyObject *value = PyDict_GetItemString(entry, key); /* borrowed */
    if (value == NULL) {
        if (fallback == NULL)
            return fail(ld, "case '%s' has no '%s' (add it)", case_name, key);
        *out = strdup(fallback);
        return *out ? 0 : fail(ld, "out of memory");
    }
    *out = pyutil_strdup(value);
    if (*out == NULL) {
        PyErr_Clear();
        return fail(ld, "case '%s': '%s' must be a string", case_name, key);
    }
    return 0;
}

static int read_long(PyObject *item, long *out)
{
#if PY_MAJOR_VERSION < 3
    if (PyInt_Check(item)) {
        *out = PyInt_AsLong(item);
        return 0;
    }
#endif
    if (!PyLong_Check(item))
        return -1;
    *out = PyLong_AsLong(item);
    if (*out == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    return 0;
}

static int read_sizes(loader *ld, PyObject *entry, case_def *c)
{
    PyObject *sizes = PyDict_GetItemString(entry, "sizes");
    if (sizes == NULL || sizes == Py_None)
        return 0;
    PyObject *seq = PySequence_Fast(sizes, "sizes");
    if (seq == NULL) {
        PyErr_Clear();
        return fail(ld, "case '%s': 'sizes' must be a list of positive integers", c->name);
    }
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    c->sizes = calloc(count > 0 ? (size_t)count : 1, sizeof *c->sizes);
    for (Py_ssize_t i = 0; c->sizes != NULL && i < count; i++) {
        long size;
        if (read_long(PySequence_Fast_GET_ITEM(seq, i), &size) != 0 || size < 1) {
            Py_DECREF(seq);
            return fail(ld, "case '%s': 'sizes' must be a list of positive integers",
                        c->name);
        }
        c->sizes[c->size_count++] = size;
    }
    Py_DECREF(seq);
    if (c->sizes == NULL)
        return fail(ld, "out of memory");
    if (count == 0)
        return fail(ld, "case '%s': 'sizes' is empty (leave it out or give sizes)", c->name);
    return 0;
}

/* The bit of the instrument a case names; 0 when there is none of that name, or only
 * a run-level one (no case declares it). */
static unsigned declared_instrument(const char *name)
{
    const instrument *inst = name != NULL ? instruments_named(name, strlen(name)) : NULL;
    return inst != NULL && !inst->run_level ? inst->bit : 0;
}

static int unknown_instrument(loader *ld, const case_def *c, const char *name)
{
    char known[256];
    instruments_list(false, known, sizeof known);
    return fail(ld, "case '%s': unknown instrument '%s' (known: %s)", c->name,
                name ? name : "?", known);
}

static int read_instruments(loader *ld, PyObject *entry, case_def *c)
{
    PyObject *names = PyDict_GetItemString(entry, "instruments");
    if (names == NULL) {
        c->instruments = INSTRUMENT_TIME | INSTRUMENT_ALLOCS;
        return 0;
    }
    PyObject *seq = PySequence_Fast(names, "instruments");
    if (seq == NULL) {
        PyErr_Clear();
        return fail(ld, "case '%s': 'instruments' must be a list such as ['time', 'allocs']",
                    c->name);
    }
    int status = 0;
    for (Py_ssize_t i = 0; status == 0 && i < PySequence_Fast_GET_SIZE(seq); i++) {
        char *name = pyutil_strdup(PySequence_Fast_GET_ITEM(seq, i));
        PyErr_Clear();
        unsigned bit = declared_instrument(name);
        c->instruments |= bit;
        if (bit == 0)
            status = unknown_instrument(ld, c, name);
        free(name);
    }
    Py_DECREF(seq);
    if (status == 0 && c->instruments == 0)
        return fail(ld, "case '%s': 'instruments' is empty (leave it out for all)", c->name);
    return status;
}

static int read_choice_flags(loader *ld, PyObject *entry, case_def *c)
{
    PyObject *gc = PyDict_GetItemString(entry, "gc");
    if (gc != NULL && !PyBool_Check(gc))
        return fail(ld, "case '%s': 'gc' must be True or False", c->name);
    c->gc_enabled = gc == Py_True;

    char *scope = NULL;
    if (read_string(ld, entry, "scope", "function", c->name, &scope) != 0)
        return -1;
    int status = 0;
    if (strcmp(scope, "module") == 0)
        c->module_scope = true;
    else if (strcmp(scope, "function") != 0)
        status = fail(ld, "case '%s': 'scope' must be 'function' or 'module', not '%s'",
                      c->name, scope);
    free(scope);
    return status;
}

/* "3.6" into 3 and 6: two numbers of at most three digits, and nothing else. */
static bool parse_major_minor(const char *text, int *major, int *minor)
{
    size_t major_digits = strspn(text, "0123456789");
    if (major_digits == 0 || major_digits > 3 || text[major_digits] != '.')
        return false;
    const char *rest = text + major_digits + 1;
    size_t minor_digits = strspn(rest, "0123456789");
    if (minor_digits == 0 || minor_digits > 3 || rest[minor_digits] != '\0')
        return false;
    *major = atoi(text);
    *minor = atoi(rest);
    return *major >= 2;
}

/* The two strings of a 2-tuple or 2-list, malloc'd; NULL where an item is no string. */
static void read_string_pair(PyObject *pair, char **first, char **second)
{
    *first = *second = NULL;
    if (!(PyTuple_Check(pair) || PyList_Check(pair)) || PySequence_Size(pair) != 2)
        return;
    PyObject *items = PySequence_Fast(pair, "min_python");
    if (items != NULL) {
        *first = pyutil_strdup(PySequence_Fast_GET_ITEM(items, 0));
        PyErr_Clear();
        *second = pyutil_strdup(PySequence_Fast_GET_ITEM(items, 1));
    }
    PyErr_Clear();
    Py_XDECREF(items);
}

/* min_python=("3.6", "f-strings"): the oldest Python version (major.minor) that runs
 * the case, and what needs it. */
static int read_min_python(loader *ld, PyObject *entry, case_def *c)
{
    PyObject *pair = PyDict_GetItemString(entry, "min_python"); /* borrowed */
    if (pair == NULL)
        return 0;
    char *version;
    read_string_pair(pair, &version, &c->min_python_needs);
    bool valid = version != NULL && c->min_python_needs != NULL &&
                 c->min_python_needs[0] != '\0' &&
                 parse_major_minor(version, &c->min_python_major, &c->min_python_minor);
    free(version);
    if (valid)
        return 0;
    return fail(ld, "case '%s': 'min_python' must be a pair such as ('3.6', 'f-strings'): "
                    "the oldest Python that runs the case, as major.minor, and what needs it",
                c->name);
}

static int check_keys(loader *ld, PyObject *entry, const char *case_name)
{
    PyObject *key, *value;
    Py_ssize_t position = 0;
    while (PyDict_Next(entry, &position, &key, &value)) {
        char *name = pyutil_strdup(key);
        PyErr_Clear();
        bool known = false;
        for (size_t i = 0; name != NULL && known_keys[i] != NULL; i++)
            known = known || strcmp(name, known_keys[i]) == 0;
        if (!known) {
            fail(ld, "case '%s': unknown key '%s' (known: name, setup, stmt, sizes, "
                     "instruments, gc, scope, teardown, min_python)", case_name,
                 name ? name : "?");
            free(name);
            return -1;
        }
        free(name);
    }
    return 0;
}

static bool valid_name(const char *name)
{
    if (name[0] == '\0')
        return false;
    for (const char *p = name; *p != '\0'; p++)
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') ||
              ('0' <= *p && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
            return false;
    return true;
}

void catalogue_case_free(case_def *c)
{
    free(c->family);
    free(c->name);
    free(c->setup);
    free(c->stmt);
    free(c->sizes);
    free(c->source);
    free(c->teardown);
    free(c->min_python_needs);
    memset(c, 0, sizeof *c);
}

/* Moves *end back over spaces and tabs, then over word when the text there ends with
 * it. Returns whether it did. */
static bool back_over(const char *source, const char **end, const char *word)
{
    const char *p = *end;
    while (p > source && (p[-1] == ' ' || p[-1] == '\t'))
        p--;
    size_t length = strlen(word);
    if ((size_t)(p - source) < length || strncmp(p - length, word, length) != 0)
        return false;
    *end = p - length;
    return true;
}

/* True when the text before quote ends with `name=` or `"name":` (spaces allowed). */
static bool after_name_key(const char *source, const char *quote)
{
    const char *end = quote;
    if (back_over(source, &end, "="))
        return back_over(source, &end, "name") &&
               (end == source || !(isalnum((unsigned char)end[-1]) || end[-1] == '_'));
    end = quote;
    return back_over(source, &end, ":") &&
           (back_over(source, &end, "\"name\"") || back_over(source, &end, "'name'"));
}

/* The line (from 1) where the case is named: name="..." or "name": "..." in the
 * source; 0 when the file builds the name otherwise. */
static long case_line(const char *source, const char *name)
{
    if (source == NULL)
        return 0;
    size_t length = strlen(name);
    const char *end = source + strlen(source);
    for (const char *at = source; at < end && (at = strstr(at, name)) != NULL; at++) {
        char quote = at > source ? at[-1] : '\0';
        if ((quote == '"' || quote == '\'') && at[length] == quote &&
            after_name_key(source, at - 1)) {
            long line = 1;
            for (const char *p = source; p < at; p++)
                line += *p == '\n';
            return line;
        }
    }
    return 0;
}

long catalogue_case_line(const case_def *c)
{
    char *source = fdio_read_file(c->source, NULL);
    long line = case_line(source, c->name);
    free(source);
    return line;
}

static int read_fields(loader *ld, PyObject *entry, case_def *c)
{
    int status = check_keys(ld, entry, c->name);
    if (status == 0)
        status = read_string(ld, entry, "stmt", NULL, c->name, &c->stmt);
    if (status == 0 && c->stmt[strspn(c->stmt, " \t\r\n\f\v")] == '\0')
        status = fail(ld, "case '%s': 'stmt' is empty; give the statement to measure "
                          "(stmt='pass' measures the empty loop)", c->name);
    if (status == 0)
        status = read_string(ld, entry, "setup", "", c->name, &c->setup);
    if (status == 0)
        status = read_string(ld, entry, "teardown", "", c->name, &c->teardown);
    if (status == 0)
        status = read_sizes(ld, entry, c);
    if (status == 0)
        status = read_instruments(ld, entry, c);
    if (status == 0)
        status = read_choice_flags(ld, entry, c);
    if (status == 0)
        status = read_min_python(ld, entry, c);
    return status;
}

static int read_case(loader *ld, PyObject *entry, const char *family, Py_ssize_t index,
                     case_def *c)
{
    memset(c, 0, sizeof *c);
    if (!PyDict_Check(entry))
        return fail(ld, "CASES[%zd] is not a dict (each case is a dict such as "
                        "dict(name='x', stmt='...'))", index);
    char label[32];
    snprintf(label, sizeof label, "CASES[%zd]", index);
    int status = read_string(ld, entry, "name", NULL, label, &c->name);
    if (status == 0)
        ld->line = case_line(ld->source, c->name);
    if (status == 0 && !valid_name(c->name))
        status = fail(ld, "case name '%s' may only hold letters, digits, '_', '-' and '.'",
                      c->name);
    if (status == 0)
        status = read_fields(ld, entry, c);
    ld->line = 0;
    if (status == 0) {
        c->family = strdup(family);
        c->source = strdup(ld->path);
        if (c->family == NULL || c->source == NULL)
            status = fail(ld, "out of memory");
    }
    if (status != 0)
        catalogue_case_free(c);
    return status;
}

int catalogue_append_case(catalogue *cat, const case_def *c)
{
    case_def *grown = realloc(cat->cases, (cat->count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    cat->cases = grown;
    cat->cases[cat->count++] = *c;
    return 0;
}

static int check_unique(loader *ld, const catalogue *cat, const case_def *c)
{
    for (size_t i = 0; i < cat->count; i++)
        if (strcmp(cat->cases[i].family, c->family) == 0 &&
            strcmp(cat->cases[i].name, c->name) == 0)
            return fail(ld, "case '%s/%s' is declared twice (also in %s); rename one",
                        c->family, c->name, cat->cases[i].source);
    return 0;
}

/* The family: FAMILY if the file sets it, else the file's name without .py. */
static char *family_name(PyObject *globals, const char *path)
{
    PyObject *family = PyDict_GetItemString(globals, "FAMILY");
    if (family != NULL)
        return pyutil_strdup(family);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t length = strlen(base);
    if (length > 3 && strcmp(base + length - 3, ".py") == 0)
        length -= 3;
    return strndup(base, length);
}

void catalogue_observation_free(observation_def *o)
{
    free(o->family);
    free(o->name);
    free(o->code);
    free(o->source);
    memset(o, 0, sizeof *o);
}

int catalogue_append_observation(catalogue *cat, const observation_def *o)
{
    observation_def *grown =
        realloc(cat->observations, (cat->observation_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    cat->observations = grown;
    cat->observations[cat->observation_count++] = *o;
    return 0;
}

static int read_observation(loader *ld, PyObject *entry, const char *family,
                            const catalogue *cat, Py_ssize_t index, observation_def *o)
{
    memset(o, 0, sizeof *o);
    char label[40];
    snprintf(label, sizeof label, "OBSERVATIONS[%zd]", index);
    if (!PyDict_Check(entry) || PyDict_Size(entry) != 2)
        return fail(ld, "%s must be a dict with exactly 'name' and 'code'", label);
    int status = read_string(ld, entry, "name", NULL, label, &o->name);
    if (status == 0 && !valid_name(o->name))
        status = fail(ld, "observation name '%s' may only hold letters, digits, '_', '-' "
                          "and '.'", o->name);
    if (status == 0)
        status = read_string(ld, entry, "code", NULL, o->name, &o->code);
    for (size_t i = 0; status == 0 && i < cat->observation_count; i++)
        if (strcmp(cat->observations[i].family, family) == 0 &&
            strcmp(cat->observations[i].name, o->name) == 0)
            status = fail(ld, "observation '%s/%s' is declared twice; rename one", family,
                          o->name);
    if (status == 0) {
        o->family = strdup(family);
        o->source = strdup(ld->path);
        if (o->family == NULL || o->source == NULL)
            status = fail(ld, "out of memory");
    }
    if (status != 0)
        catalogue_observation_free(o);
    return status;
}

static int read_observations(loader *ld, PyObject *globals, const char *family,
                             catalogue *cat)
{
    PyObject *list = PyDict_GetItemString(globals, "OBSERVATIONS");
    if (list == NULL)
        return 0;
    if (!PyList_Check(list))
        return fail(ld, "OBSERVATIONS must be a list of dict(name=..., code=...)");
    int status = 0;
    for (Py_ssize_t i = 0; status == 0 && i < PyList_GET_SIZE(list); i++) {
        observation_def o;
        status = read_observation(ld, PyList_GET_ITEM(list, i), family, cat, i, &o);
        if (status == 0 && catalogue_append_observation(cat, &o) != 0) {
            catalogue_observation_free(&o);
            status = fail(ld, "out of memory");
        }
    }
    return status;
}

static int read_cases(loader *ld, PyObject *globals, catalogue *cat)
{
    PyObject *cases = PyDict_GetItemString(globals, "CASES");
    if (cases == NULL || !PyList_Check(cases))
        return fail(ld, "defines no CASES list (declare CASES = [dict(name=..., stmt=...)])");
    char *family = family_name(globals, ld->path);
    if (family == NULL || !valid_name(family)) {
        PyErr_Clear();
        free(family);
        return fail(ld, "FAMILY must be a name of letters, digits, '_', '-' and '.'");
    }
    int status = 0;
    for (Py_ssize_t i = 0; status == 0 && i < PyList_GET_SIZE(cases); i++) {
        case_def c;
        status = read_case(ld, PyList_GET_ITEM(cases, i), family, i, &c);
        if (status == 0 && (status = check_unique(ld, cat, &c)) != 0)
            catalogue_case_free(&c);
        if (status == 0 && catalogue_append_case(cat, &c) != 0) {
            catalogue_case_free(&c);
            status = fail(ld, "out of memory");
        }
    }
    if (status == 0)
        status = read_observations(ld, globals, family, cat);
    free(family);
    return status;
}

static PyObject *fresh_globals(const char *path)
{
    PyObject *globals = pyutil_new_globals("__idiombench_catalogue__");
    PyObject *file = pyutil_string(path);
    if (globals == NULL || file == NULL || PyDict_SetItemString(globals, "__file__", file) != 0)
        Py_CLEAR(globals);
    Py_XDECREF(file);
    return globals;
}

/* Runs the file in this process and reads its cases into cat. */
static int run_file(const char *path, catalogue *cat, char *err, size_t err_size)
{
    char *source = fdio_read_file(path, NULL);
    loader ld = {path, source, 0, err, err_size};
    if (source == NULL)
        return fail(&ld, "cannot read the catalogue file (check the path given to --catalogue)");
    PyObject *code = Py_CompileString(source, path, Py_file_input);
    PyObject *globals = code ? fresh_globals(path) : NULL;
    PyObject *result = globals ? pyutil_eval_code(code, globals) : NULL;
    int status = code == NULL     ? fail_with_exception(&ld, "compiling")
                 : result == NULL ? fail_with_exception(&ld, "running it")
                                  : read_cases(&ld, globals, cat);
    Py_XDECREF(result);
    Py_XDECREF(globals);
    Py_XDECREF(code);
    free(source);
    return status;
}

typedef struct file_trial {
    const char *path;
    catalogue *cat; /* the cases of the files before (the child's copy) */
} file_trial;

/* In the trial's child: the file run, its cases read after those of the files before
 * (so that a name used twice is found), and sent back as bytes. */
static int try_file(void *ctx, trial_bytes *result, char *err, size_t err_size)
{
    file_trial *t = ctx;
    size_t first_case = t->cat->count, first_observation = t->cat->observation_count;
    if (run_file(t->path, t->cat, err, err_size) != 0)
        return -1;
    if (catalogue_wire_encode(t->cat, first_case, first_observation, &result->data,
                              &result->length) == 0)
        return 0;
    snprintf(err, err_size, "%s: out of memory", t->path);
    return -1;
}

/* The file run in a child process, under the time limit, and its cases read back: one
 * that exits, crashes or hangs the process while being imported is reported, and the
 * file never runs in this process. */
static int load_file(const char *path, int timeout_s, catalogue *cat, char *err,
                     size_t err_size)
{
    char how[512];
    file_trial t = {path, cat};
    trial_bytes cases;
    switch (trial_run(try_file, &t, timeout_s, &cases, err, err_size)) {
    case TRIAL_RETURNED_OK: {
        int status = catalogue_wire_decode(cases.data, cases.length, cat);
        free(cases.data);
        if (status != 0)
            snprintf(err, err_size, "%s: cannot read its cases back from the process that "
                     "imported it (out of memory?)", path);
        return status;
    }
    case TRIAL_RETURNED_ERROR: /* err holds the file's own error */
        return -1;
    case TRIAL_ENDED_PROCESS:
        snprintf(how, sizeof how, "%s", err);
        snprintf(err, err_size, "%s: the catalogue file %s while being imported; a "
                 "catalogue file only declares its cases: remove what ends or blocks the "
                 "process at import (such as os._exit or an endless loop)", path, how);
        return -1;
    default:
        snprintf(how, sizeof how, "%s", err);
        snprintf(err, err_size, "%s: cannot import the catalogue file: %s", path, how);
        return -1;
    }
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's catalogue files, sorted; NULL-terminated, malloc'd. */
static char **list_folder(const char *folder)
{
    DIR *dir = opendir(folder);
    if (dir == NULL)
        return NULL;
    char **names = calloc(1, sizeof *names);
    size_t count = 0;
    struct dirent *entry;
    while (names != NULL && (entry = readdir(dir)) != NULL) {
        size_t length = strlen(entry->d_name);
        if (entry->d_name[0] == '_' || entry->d_name[0] == '.' || length < 4 ||
            strcmp(entry->d_name + length - 3, ".py") != 0)
            continue;
        char **grown = realloc(names, (count + 2) * sizeof *names);
        if (grown == NULL)
            break;
        names = grown;
        size_t path_size = strlen(folder) + length + 2;
        names[count] = malloc(path_size);
        if (names[count] == NULL)
            break;
        snprintf(names[count], path_size, "%s/%s", folder, entry->d_name);
        names[++count] = NULL;
    }
    closedir(dir);
    if (names != NULL)
        qsort(names, count, sizeof *names, compare_names);
    return names;
}

static int load_folder(const char *path, int timeout_s, catalogue *out, char *err,
                       size_t err_size)
{
    char **files = list_folder(path);
    if (files == NULL) {
        snprintf(err, err_size, "%s: cannot read the catalogue folder", path);
        return -1;
    }
    int status = 0;
    for (size_t i = 0; files[i] != NULL; i++) {
        if (status == 0)
            status = load_file(files[i], timeout_s, out, err, err_size);
        free(files[i]);
    }
    free(files);
    return status;
}

int catalogue_load(const char *path, catalogue *out, char *err, size_t err_size)
{
    return catalogue_load_within(path, CATALOGUE_TIMEOUT_S, out, err, err_size);
}

int catalogue_load_within(const char *path, int timeout_s, catalogue *out, char *err,
                          size_t err_size)
{
    memset(out, 0, sizeof *out);
    struct stat info;
    if (stat(path, &info) != 0) {
        snprintf(err, err_size, "%s: no such catalogue file or folder (check --catalogue)",
                 path);
        return -1;
    }
    int status = S_ISDIR(info.st_mode) ? load_folder(path, timeout_s, out, err, err_size)
                                       : load_file(path, timeout_s, out, err, err_size);
    if (status == 0 && out->count == 0) {
        snprintf(err, err_size, "%s: no cases found (add a <family>.py file with CASES)",
                 path);
        status = -1;
    }
    if (status != 0)
        catalogue_free(out);
    return status;
}

void catalogue_free(catalogue *cat)
{
    for (size_t i = 0; i < cat->count; i++)
        catalogue_case_free(&cat->cases[i]);
    for (size_t i = 0; i < cat->observation_count; i++)
        catalogue_observation_free(&cat->observations[i]);
    free(cat->cases);
    free(cat->observations);
    cat->cases = NULL;
    cat->observations = NULL;
    cat->count = cat->observation_count = 0;
}

const char *catalogue_instrument_name(unsigned bit)
{
    const instrument *inst = instruments_of_bit(bit);
    return inst != NULL ? inst->name : "?";
}

int catalogue_parse_instruments(const char *list, unsigned *bits, char *err,
                                size_t err_size)
{
    *bits = 0;
    for (const char *p = list;; p++) {
        size_t length = strcspn(p, ",");
        const instrument *inst = instruments_named(p, length);
        if (inst == NULL) {
            char known[256];
            instruments_list(true, known, sizeof known);
            snprintf(err, err_size, "--instruments '%s': '%.*s' is not an instrument; "
                     "give a comma-separated list of %s",
                     list, (int)length, p, known);
            return -1;
        }
        *bits |= inst->bit;
        p += length;
        if (*p == '\0')
            return 0;
    }
}
