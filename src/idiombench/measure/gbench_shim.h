/* gbench_shim.h: the C face of Google Benchmark (the only C++ in idiombench). */
#ifndef IDIOMBENCH_GBENCH_SHIM_H
#define IDIOMBENCH_GBENCH_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One result handed back to C: a repetition, or an aggregate over repetitions. */
typedef struct gbench_run {
    int is_aggregate;
    const char *aggregate_name; /* "mean", "median", "stddev", "cv", "min", "max"; "" for a run */
    double value;               /* seconds per operation; a fraction for "cv" */
    int error_occurred;
    const char *error_message;
} gbench_run;

/* Takes one timing sample: seconds per operation. Returns 0, or -1 with a message. */
typedef int (*gbench_sample_fn)(void *ctx, double *seconds_per_op, char *err, size_t err_size);

/* Receives every run and aggregate, in Google Benchmark's order. */
typedef void (*gbench_report_fn)(void *ctx, const gbench_run *run);

/* Lets Google Benchmark take its --benchmark_* flags out of argv. --benchmark_out=FILE
 * (with --benchmark_out_format=json|console) collects every case of the run in FILE,
 * also when the cases run in processes forked after this call, one after another.
 * Returns 0, or -1 with one line in err (the out file cannot be written). */
int gbench_shim_initialize(int *argc, char **argv, char *err, size_t err_size);

/* Completes and closes the --benchmark_out file, if any (in the process that opened it,
 * once no child writes to it any more). */
void gbench_shim_finish(void);

/* Registers one benchmark (manual time, one sample per iteration and one iteration per
 * repetition), runs it `repetitions` times with Google Benchmark's runner, and hands
 * every run and aggregate (mean, median, stddev, cv, min, max) to report. Returns the
 * number of benchmarks run: 0 when --benchmark_filter leaves it out. */
size_t gbench_shim_run_one(const char *name, int repetitions, gbench_sample_fn sample,
                           void *sample_ctx, gbench_report_fn report, void *report_ctx);

/* "debug" or "release": how the Google Benchmark library itself was built. */
const char *gbench_shim_build_type(void);

#ifdef __cplusplus
}
#endif

#endif
