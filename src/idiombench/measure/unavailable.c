/* unavailable.c: which metric needs which part of CPython, asked of the probes. */
#define PY_SSIZE_T_CLEAN
#include <Python.h> /* first, as the probes' headers need it */

#include "unavailable.h"

#include "probe_alloc.h"
#include "probe_instructions.h"
#include "probe_memory.h"
#include "probe_resources.h"

#include <stdio.h>
#include <string.h>

#define STAR "*" /* the metric of a case that does not run at all */

typedef struct metric_need {
    unsigned instrument;   /* INSTRUMENT_* that gives the metric */
    const char *metric;
    bool (*available)(void);
    const char *missing;   /* what this Python lacks when it is not available */
    const char *(*why)(void); /* or, for what is not the Python's doing, the reason */
} metric_need;

/* Every metric that some Python cannot give, in measurements.csv's order. The others
 * (time_per_op, fds_delta) every supported Python gives. */
static const metric_need needs[] = {
    {INSTRUMENT_ALLOCS, "allocs_per_op", probe_alloc_available, "no allocator API", NULL},
    {INSTRUMENT_ALLOCS, "bytes_per_op", probe_alloc_available, "no allocator API", NULL},
    {INSTRUMENT_MEMORY, "retained_bytes", probe_memory_available, "no tracemalloc", NULL},
    {INSTRUMENT_MEMORY, "peak_bytes", probe_memory_available, "no tracemalloc", NULL},
    {INSTRUMENT_MEMORY, "rss_delta_bytes", probe_memory_available, "no tracemalloc", NULL},
    {INSTRUMENT_RESOURCES, "resource_warnings", probe_resources_warnings_available,
     "no ResourceWarning", NULL},
    {INSTRUMENT_RESOURCES, "gc_collections_gen0", probe_resources_gc_available,
     "no gc.get_stats", NULL},
    {INSTRUMENT_RESOURCES, "gc_collections_gen1", probe_resources_gc_available,
     "no gc.get_stats", NULL},
    {INSTRUMENT_RESOURCES, "gc_collections_gen2", probe_resources_gc_available,
     "no gc.get_stats", NULL},
    {INSTRUMENT_RESOURCES, "gc_collected", probe_resources_gc_available,
     "no gc.get_stats", NULL},
    {INSTRUMENT_INSTRUCTIONS, "instructions_per_op", probe_instructions_available, NULL,
     probe_instructions_missing},
};

#define NEED_COUNT (sizeof needs / sizeof *needs)

static void describe_missing(const metric_need *need, const char *python_version, char *out,
                             size_t size)
{
    if (need->why != NULL)
        snprintf(out, size, "%s", need->why());
    else
        snprintf(out, size, "%s in Python %s", need->missing, python_version);
}

bool unavailable_metric(const char *metric, const char *python_version, char *out,
                        size_t size)
{
    for (size_t i = 0; i < NEED_COUNT; i++) {
        if (strcmp(needs[i].metric, metric) != 0 || needs[i].available())
            continue;
        describe_missing(&needs[i], python_version, out, size);
        return true;
    }
    return false;
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

int unavailable_each(const case_def *c, const char *python_version, unavailable_fn each,
                     void *ctx)
{
    char reason[256];
    if (unavailable_case(c, python_version, reason, sizeof reason))
        return each(ctx, c, STAR, reason) != 0 ? -1 : 0;
    for (size_t i = 0; i < NEED_COUNT; i++) {
        if (!(c->instruments & needs[i].instrument) || needs[i].available())
            continue;
        describe_missing(&needs[i], python_version, reason, sizeof reason);
        if (each(ctx, c, needs[i].metric, reason) != 0)
            return -1;
    }
    return 0;
}
