/* unavailable.c: which metric this Python cannot give, and why, as the instruments'
 * table says (instruments.h). */
#define PY_SSIZE_T_CLEAN
#include <Python.h> /* first, as the instruments' header needs it */

#include "unavailable.h"

#include "instruments.h"

#include <stdio.h>
#include <string.h>

#define STAR "*" /* the metric of a case that does not run at all */

static void describe_missing(const instrument_metric *m, const char *python_version,
                             char *out, size_t size)
{
    if (m->why != NULL)
        snprintf(out, size, "%s", m->why());
    else
        snprintf(out, size, "%s in Python %s", m->lacks, python_version);
}

/* The metric of that name, of any instrument; NULL when none has it. */
static const instrument_metric *metric_named(const char *metric)
{
    for (size_t i = 0; i < instrument_table_size; i++) {
        const instrument *inst = instrument_table[i];
        for (size_t m = 0; m < inst->metric_count; m++)
            if (strcmp(inst->metrics[m].name, metric) == 0)
                return &inst->metrics[m];
    }
    return NULL;
}

bool unavailable_metric(const char *metric, const char *python_version, char *out,
                        size_t size)
{
    const instrument_metric *m = metric_named(metric);
    if (m == NULL || instrument_metric_available(m))
        return false;
    describe_missing(m, python_version, out, size);
    return true;
}

bool unavailable_instrument(const instrument *inst, const char *python_version, char *out,
                            size_t size)
{
    for (size_t m = 0; m < inst->metric_count; m++)
        if (instrument_metric_available(&inst->metrics[m]))
            return false;
    describe_missing(&inst->metrics[0], python_version, out, size);
    return true;
}

bool unavailable_case(const case_def *c, const char *python_version, char *out, size_t size)
{
    int major = 0, minor = 0;
    if (c->min_python_needs == NULL || sscanf(python_version, "%d.%d", &major, &minor) != 2)
        return false;
    if (major > c->min_python_major ||
        (major == c->min_python_major && minor >= c->min_python_minor))
        return false;
    if (out != NULL)
        snprintf(out, size, "needs Python %d.%d+ (%s)", c->min_python_major,
                 c->min_python_minor, c->min_python_needs);
    return true;
}

/* Calls each for every metric of inst that python_version cannot give. Returns 0, or
 * -1 when each stopped. */
static int each_missing_metric(const case_def *c, const instrument *inst,
                               const char *python_version, unavailable_fn each, void *ctx)
{
    char reason[256];
    for (size_t m = 0; m < inst->metric_count; m++) {
        if (instrument_metric_available(&inst->metrics[m]))
            continue;
        describe_missing(&inst->metrics[m], python_version, reason, sizeof reason);
        if (each(ctx, c, inst->metrics[m].name, reason) != 0)
            return -1;
    }
    return 0;
}

int unavailable_each(const case_def *c, const char *python_version, unavailable_fn each,
                     void *ctx)
{
    char reason[256];
    if (unavailable_case(c, python_version, reason, sizeof reason))
        return each(ctx, c, STAR, reason) != 0 ? -1 : 0;
    for (size_t i = 0; i < instrument_table_size; i++) {
        const instrument *inst = instrument_table[i];
        if ((c->instruments & inst->bit) &&
            each_missing_metric(c, inst, python_version, each, ctx) != 0)
            return -1;
    }
    return 0;
}
