/* unavailable.h: the figures a case's instruments would give but this Python cannot,
 * and why; one place for what the progress line says and unavailable.csv records. */
#ifndef IDIOMBENCH_UNAVAILABLE_H
#define IDIOMBENCH_UNAVAILABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"

/* Why this Python (python_version, e.g. "2.7.18") cannot give metric, e.g. "no
 * allocator API in Python 2.7.18", into out. Returns true when it cannot, false (out
 * left alone) when it can or the metric is unknown. */
bool unavailable_metric(const char *metric, const char *python_version, char *out,
                        size_t size);

struct instrument;

/* Why this Python cannot give any figure of inst (the reason of its first metric), into
 * out. Returns true when it can give none, false (out left alone) when it can give
 * some: the instrument runs and leaves out the rows it cannot give. */
bool unavailable_instrument(const struct instrument *inst, const char *python_version,
                            char *out, size_t size);

/* Why c does not run on python_version, e.g. "needs Python 3.6+ (f-strings)", into out
 * (when out is not NULL). Returns true when its min_python is newer, false otherwise. */
bool unavailable_case(const case_def *c, const char *python_version, char *out, size_t size);

/* Receives one unavailable figure: metric "*" for the whole case. Returns 0, or -1 to
 * stop. */
typedef int (*unavailable_fn)(void *ctx, const case_def *c, const char *metric,
                              const char *reason);

/* Calls each once with metric "*" when c needs a newer Python, or else once for every
 * metric of c's instruments that python_version cannot give, in the order of
 * measurements.csv. Returns 0, or -1 when each stopped. */
int unavailable_each(const case_def *c, const char *python_version, unavailable_fn each,
                     void *ctx);

#endif
