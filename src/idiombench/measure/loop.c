/* loop.c: builds the timeit-style loop source for a case, compiles it, runs it. */
#include "loop.h"
#include "measure.h"
#include "pyutil.h"
#include "stage.h"
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LOOPS ((Py_ssize_t)1000000000)

/* A growing string. */
typedef struct text {
    char *data;
    size_t length, capacity;
    bool failed;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->length + n + 1 > t->capacity) {
        size_t capacity = (t->length + n + 1) * 2;
        char *grown = realloc(t->data, capacity);
        if (grown == NULL) {
            t->failed = true;
            return;
        }
        t->data = grown;
        t->capacity = capacity;
    }
    memcpy(t->data + t->length, s, n);
    t->length += n;
    t->data[t->length] = '\0';
}

static void text_puts(text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

static size_t leading_blanks(const char *line, size_t length)
{
    size_t i = 0;
    while (i < length && (line[i] == ' ' || line[i] == '\t'))
        i++;
    return i;
}

/* The indentation common to all non-blank lines, as textwrap.dedent removes it. */
static size_t common_indent(const char *code)
{
    size_t common = (size_t)-1;
    for (const char *line = code; *line != '\0';) {
        size_t length = strcspn(line, "\n");
        size_t blanks = leading_blanks(line, length);
        if (blanks < length && blanks < common)
            common = blanks;
        line += length + (line[length] == '\n');
    }
    return common == (size_t)-1 ? 0 : common;
}

/* Appends code dedented, then indented by `indent`; "pass" when code is blank. */
static void text_add_block(text *t, const char *code, const char *indent)
{
    size_t strip = common_indent(code);
    bool any = false;
    for (const char *line = code; *line != '\0';) {
        size_t length = strcspn(line, "\n");
        if (leading_blanks(line, length) < length) {
            text_puts(t, indent);
            text_add(t, line + strip, length - strip);
            text_puts(t, "\n");
            any = true;
        }
        line += length + (line[length] == '\n');
    }
    if (!any) {
        text_puts(t, indent);
        text_puts(t, "pass\n");
    }
}

static char *function_source(const char *setup, const char *stmt)
{
    text t = {0};
    text_puts(&t, "def _idiombench_loop(_idiombench_it, _idiombench_start, "
                  "_idiombench_stop, n):\n");
    text_add_block(&t, setup, "    ");
    text_puts(&t, "    _idiombench_start()\n    for _idiombench_i in _idiombench_it:\n");
    text_add_block(&t, stmt, "        ");
    /* In the loop's else clause: a `break` in stmt skips the stop mark (an error). */
    text_puts(&t, "    else:\n        _idiombench_stop()\n");
    if (t.failed) {
        free(t.data);
        return NULL;
    }
    return t.data;
}

static char *module_source(const char *setup, const char *stmt)
{
    text t = {0};
    text_add_block(&t, setup, "");
    text_puts(&t, "_idiombench_start()\nfor _idiombench_i in _idiombench_it:\n");
    text_add_block(&t, stmt, "    ");
    text_puts(&t, "else:\n    _idiombench_stop()\n");
    if (t.failed) {
        free(t.data);
        return NULL;
    }
    return t.data;
}

static int compile_body(const case_def *c, const char *stmt, loop_body *body)
{
    char filename[512];
    snprintf(filename, sizeof filename, "<%s/%s>", c->family, c->name);
    char *source = c->module_scope ? module_source(c->setup, stmt)
                                   : function_source(c->setup, stmt);
    if (source == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject *code = Py_CompileString(source, filename, Py_file_input);
    free(source);
    if (code == NULL)
        return -1;
    if (c->module_scope) {
        body->code = code;
        return 0;
    }
    PyObject *globals = pyutil_new_globals("__main__");
    PyObject *result = globals ? pyutil_eval_code(code, globals) : NULL;
    Py_DECREF(code);
    if (result != NULL) {
        body->function = PyDict_GetItemString(globals, "_idiombench_loop");
        Py_XINCREF(body->function);
    }
    Py_XDECREF(result);
    Py_XDECREF(globals);
    return body->function != NULL ? 0 : -1;
}

int loop_compile(const case_def *c, long n, loop_twins *out)
{
    memset(out, 0, sizeof *out);
    if (c->sizes != NULL) {
        out->n = PyLong_FromLong(n);
    } else {
        out->n = Py_None;
        Py_INCREF(Py_None);
    }
    if (out->n == NULL || compile_body(c, c->stmt, &out->stmt) != 0 ||
        compile_body(c, "pass", &out->empty) != 0) {
        loop_release(out);
        return -1;
    }
    return 0;
}

static void body_release(loop_body *body)
{
    Py_CLEAR(body->function);
    Py_CLEAR(body->code);
}

void loop_release(loop_twins *twins)
{
    body_release(&twins->stmt);
    body_release(&twins->empty);
    Py_CLEAR(twins->n);
}

/* itertools.repeat(None, loops) */
static PyObject *repeat_none(Py_ssize_t loops)
{
    static PyObject *repeat;
    if (repeat == NULL) {
        PyObject *itertools = PyImport_ImportModule("itertools");
        if (itertools == NULL)
            return NULL;
        repeat = PyObject_GetAttrString(itertools, "repeat");
        Py_DECREF(itertools);
        if (repeat == NULL)
            return NULL;
    }
    return PyObject_CallFunction(repeat, "On", Py_None, loops);
}

static PyObject *run_module_body(PyObject *code, PyObject *iterator, PyObject *start,
                                 PyObject *stop, PyObject *n)
{
    PyObject *globals = pyutil_new_globals("__main__");
    PyObject *result = NULL;
    if (globals != NULL && PyDict_SetItemString(globals, "_idiombench_it", iterator) == 0 &&
        PyDict_SetItemString(globals, "_idiombench_start", start) == 0 &&
        PyDict_SetItemString(globals, "_idiombench_stop", stop) == 0 &&
        PyDict_SetItemString(globals, "n", n) == 0)
        result = pyutil_eval_code(code, globals);
    if (globals != NULL)
        PyDict_Clear(globals); /* break cycles through functions defined by the setup */
    Py_XDECREF(globals);
    return result;
}

int loop_run(const loop_body *body, PyObject *n, Py_ssize_t loops, mark_span *out)
{
    static PyObject *start, *stop;
    if (start == NULL && marks_create(&start, &stop) != 0)
        return -1;
    PyObject *iterator = repeat_none(loops);
    if (iterator == NULL)
        return -1;
    marks_reset();
    stage_set_part(STAGE_SETUP); /* the start mark moves it on to STAGE_LOOP */
    PyObject *result =
        body->function != NULL
            ? PyObject_CallFunctionObjArgs(body->function, iterator, start, stop, n, NULL)
            : run_module_body(body->code, iterator, start, stop, n);
    stage_leave_if_stray(); /* a process the case forked ends here */
    stage_set_part(STAGE_AROUND);
    Py_DECREF(iterator);
    if (result == NULL)
        return -1;
    Py_DECREF(result);
    if (marks_span(out) != 0) {
        PyErr_SetString(PyExc_RuntimeError,
                        "the statement left the loop before its end (break, return or "
                        "yield in the case's stmt): a stmt must run to its end");
        return -1;
    }
    return 0;
}

/* The shorter of two runs of the statement's loop: a run that the machine interrupted,
 * or the first one of all (byte code specialising, caches filling), is longer than the
 * loop is; both rarely are. */
static int shorter_run_ns(const loop_twins *twins, Py_ssize_t count, int64_t *elapsed_ns)
{
    mark_span first, second;
    if (loop_run(&twins->stmt, twins->n, count, &first) != 0 ||
        loop_run(&twins->stmt, twins->n, count, &second) != 0)
        return -1;
    *elapsed_ns = first.elapsed_ns < second.elapsed_ns ? first.elapsed_ns : second.elapsed_ns;
    return 0;
}

int loop_calibrate(const loop_twins *twins, int64_t target_ns, Py_ssize_t *loops)
{
    Py_ssize_t count = 1;
    int64_t elapsed_ns;
    for (;;) {
        /* Each step on the shorter of two runs: on a loaded machine one 2 ms stall in
         * the first, 1-operation run ended calibration at 1 loop, whose samples are
         * then whole clock ticks (seen: 19 ns, min -60, max 81, over 1000 samples). */
        if (shorter_run_ns(twins, count, &elapsed_ns) != 0)
            return -1;
        if (elapsed_ns >= target_ns || count >= MAX_LOOPS)
            break;
        if (elapsed_ns * 100 < target_ns) {
            count *= 10;
            continue;
        }
        /* Close enough to scale: one more step at the predicted count confirms it. */
        double scale = (double)target_ns / (double)(elapsed_ns > 0 ? elapsed_ns : 1);
        Py_ssize_t next = (Py_ssize_t)((double)count * scale * 1.05) + 1;
        count = next < MAX_LOOPS ? next : MAX_LOOPS;
    }
    *loops = count;
    /* Calibration ran only the statement's loop: warm the empty twin up too, or the
     * first sample compares a warm loop with a cold one. */
    double ignored;
    return loop_sample_ns(twins, count, 2, &ignored);
}

int loop_sample_ns(const loop_twins *twins, Py_ssize_t loops, int pairs, double *net_ns)
{
    double nets[MEASURE_MAX_PAIRS];
    if (pairs < 1 || pairs > MEASURE_MAX_PAIRS) {
        PyErr_SetString(PyExc_ValueError, "pairs per sample out of range");
        return -1;
    }
    for (int i = 0; i < pairs; i++) {
        mark_span stmt, empty;
        /* Alternate the order so that a drift in the machine's speed cancels out. */
        const loop_body *first = i % 2 == 0 ? &twins->stmt : &twins->empty;
        const loop_body *second = i % 2 == 0 ? &twins->empty : &twins->stmt;
        mark_span *first_span = i % 2 == 0 ? &stmt : &empty;
        mark_span *second_span = i % 2 == 0 ? &empty : &stmt;
        if (loop_run(first, twins->n, loops, first_span) != 0 ||
            loop_run(second, twins->n, loops, second_span) != 0)
            return -1;
        nets[i] = (double)(stmt.elapsed_ns - empty.elapsed_ns) / (double)loops;
    }
    *net_ns = stats_median_inplace(nets, (size_t)pairs);
    return 0;
}

int loop_sample_allocs(const loop_twins *twins, Py_ssize_t loops, double *allocs_per_op,
                       double *bytes_per_op)
{
    mark_span stmt, empty;
    if (loop_run(&twins->stmt, twins->n, loops, &stmt) != 0 ||
        loop_run(&twins->empty, twins->n, loops, &empty) != 0)
        return -1;
    *allocs_per_op = ((double)stmt.allocs - (double)empty.allocs) / (double)loops;
    *bytes_per_op = ((double)stmt.bytes - (double)empty.bytes) / (double)loops;
    return 0;
}
