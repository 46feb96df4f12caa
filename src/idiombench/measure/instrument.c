/* instrument.c: what the instruments share: failures, sample and loop counts, rows. */
#include "instrument.h"

#include "pyutil.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_RUN_LOOPS 10000
#define MIN_RUN_LOOPS 10

measure_outcome instrument_failed(results *r, const case_def *c, long n, const char *stage,
                                  const char *error, const char *traceback)
{
    printf("FAILED (%s): %s\n", stage, error);
    if (results_add_failure(r, results_key_of_case(c, n), stage, error, traceback) != 0)
        return MEASURE_FATAL;
    return MEASURE_FAILED;
}

measure_outcome instrument_raised(results *r, const case_def *c, long n, const char *stage)
{
    char *error = NULL;
    char *traceback = pyutil_take_traceback(&error);
    measure_outcome outcome =
        instrument_failed(r, c, n, stage, error ? error : "exception", traceback);
    free(error);
    free(traceback);
    return outcome;
}

size_t instrument_sample_count(const measure_settings *settings)
{
    return settings->repetitions < INSTRUMENT_MAX_SAMPLES ? (size_t)settings->repetitions
                                                          : INSTRUMENT_MAX_SAMPLES;
}

Py_ssize_t instrument_fixed_loops(const case_def *c, long n, long most, long least)
{
    if (c->sizes == NULL || n <= 1)
        return most;
    long loops = most / n;
    return loops < least ? least : loops;
}

Py_ssize_t instrument_run_loops(const case_def *c, long n)
{
    return instrument_fixed_loops(c, n, MAX_RUN_LOOPS, MIN_RUN_LOOPS);
}

int instrument_add_rows(const instrument_metric *metrics, size_t metric_count, results *r,
                        result_key key, const instrument_samples *s, long loops,
                        double *medians)
{
    for (size_t m = 0; m < metric_count; m++) {
        const instrument_metric *metric = &metrics[m];
        summary figures;
        if (!instrument_metric_available(metric))
            continue;
        if (stats_summarize(s->values[m], s->count, &figures) != 0 ||
            results_add_sampled_row(r, key, metric->name, metric->unit, &figures,
                                    s->values[m], s->count, loops) != 0)
            return -1;
        medians[m] = figures.median;
    }
    return 0;
}
