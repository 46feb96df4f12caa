/* measure.c: compile, then each instrument the case asks for in the order of the
 * instruments' table (instruments.c), then the teardown, per case. Each instrument runs
 * in its own pass; the allocation hooks and tracemalloc are on only during theirs, so
 * they never slow the timed loops. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "measure.h"
#include "instruments.h"
#include "interp.h"
#include "loop.h"
#include "pyutil.h"
#include "stage.h"
#include "unavailable.h"

#include <stdio.h>

#define REASON_BYTES 256

/* One instrument's pass, or "  allocs: unavailable (reason)" when this Python can give
 * none of its figures. */
static measure_outcome run_instrument(const instrument *inst, const case_def *c, long n,
                                      const loop_twins *twins,
                                      const measure_settings *settings, results *r)
{
    char reason[REASON_BYTES];
    stage_set_pass(inst->pass);
    if (unavailable_instrument(inst, pyutil_version(), reason, sizeof reason)) {
        printf("  %s: unavailable (%s)", inst->name, reason);
        return MEASURE_DONE;
    }
    return inst->measure(c, n, twins, settings, r);
}

static measure_outcome measure_compiled(const case_def *c, long n, const loop_twins *twins,
                                        const measure_settings *settings, results *r)
{
    measure_outcome outcome = MEASURE_DONE;
    for (size_t i = 0; outcome == MEASURE_DONE && i < instrument_table_size; i++)
        if (c->instruments & instrument_table[i]->bit)
            outcome = run_instrument(instrument_table[i], c, n, twins, settings, r);
    return outcome;
}

/* Runs the case's teardown (e.g. removing the files its setup made) in a fresh
 * namespace. Returns 0, or -1 with a Python exception set. */
static int run_teardown(const case_def *c)
{
    PyObject *globals = pyutil_new_globals("__main__");
    PyObject *code = globals ? Py_CompileString(c->teardown, "<teardown>", Py_file_input)
                             : NULL;
    PyObject *done = code ? pyutil_eval_code(code, globals) : NULL;
    stage_leave_if_stray(); /* a process the teardown forked ends here */
    if (globals != NULL)
        PyDict_Clear(globals);
    Py_XDECREF(globals);
    Py_XDECREF(code);
    Py_XDECREF(done);
    return done != NULL ? 0 : -1;
}

measure_outcome measure_case(const case_def *c, long n, const measure_settings *settings,
                             results *r)
{
    char reason[REASON_BYTES];
    if (unavailable_case(c, pyutil_version(), reason, sizeof reason)) {
        printf("skipped: %s\n", reason);
        return MEASURE_UNSUPPORTED;
    }
    loop_twins twins;
    stage_set_pass(STAGE_COMPILE);
    if (loop_compile(c, n, &twins) != 0)
        return instrument_raised(r, c, n, "compile");
    int gc_was_enabled = interp_set_gc(c->gc_enabled);
    measure_outcome outcome = gc_was_enabled < 0 ? instrument_raised(r, c, n, "gc")
                                                 : measure_compiled(c, n, &twins, settings, r);
    if (gc_was_enabled >= 0)
        interp_set_gc(gc_was_enabled);
    loop_release(&twins);
    stage_set_pass(STAGE_TEARDOWN);
    if (c->teardown[0] != '\0' && run_teardown(c) != 0 && outcome == MEASURE_DONE)
        outcome = instrument_raised(r, c, n, "teardown");
    if (outcome == MEASURE_DONE)
        printf("\n");
    return outcome;
}
