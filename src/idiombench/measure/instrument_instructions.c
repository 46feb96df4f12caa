/* instrument_instructions.c: the instructions pass: instructions per operation counted by
 * callgrind, in a harness that bin/count-instructions runs (probe_instructions.h). No
 * case declares it: --instruments gives it to every case. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "instrument.h"

#include "probe_instructions.h"

#include <stdio.h>

#define MAX_INSTRUCTION_SAMPLES 2 /* exact counts: more would only cost time */
#define INSTRUCTION_OPS 1000      /* operations of n items per counted loop, at most */

static const instrument_metric instruction_metrics[] = {
    {"instructions_per_op", "instructions", probe_instructions_available, NULL,
     probe_instructions_missing},
};

#define INSTRUCTION_METRICS (sizeof instruction_metrics / sizeof *instruction_metrics)

/* An uncounted warm-up run of both twins (3.11+ specialises byte code as it runs), then
 * s->count samples, counted. Returns 0, or -1 (exception). */
static int instruction_samples(const loop_twins *twins, Py_ssize_t loops,
                               instrument_samples *s)
{
    int status = probe_instructions_warm_up(twins, loops);
    probe_instructions_instrument(true);
    for (size_t i = 0; status == 0 && i < s->count; i++)
        status = probe_instructions_sample(twins, loops, &s->values[0][i]);
    probe_instructions_instrument(false);
    return status;
}

/* Two samples at a fixed loop count (1000 operations, or 1000 / n for a sized case, at
 * least 1), each differenced against half as many operations
 * (probe_instructions_sample). Counts are exact; a statement that allocates or hashes
 * addresses can still differ a little between samples, as the heap's state moves on. */
static measure_outcome measure_instructions(const case_def *c, long n,
                                            const loop_twins *twins,
                                            const measure_settings *settings, results *r)
{
    /* Exact counts need no long loop: callgrind runs code 50 times slower. */
    Py_ssize_t loops = instrument_fixed_loops(c, n, INSTRUCTION_OPS, 1);
    size_t count = instrument_sample_count(settings);
    instrument_samples s = {.count = count < MAX_INSTRUCTION_SAMPLES ? count
                                                                     : MAX_INSTRUCTION_SAMPLES};
    if (instruction_samples(twins, loops, &s) != 0)
        return instrument_raised(r, c, n, "instructions");
    double median;
    if (instrument_add_rows(instruction_metrics, INSTRUCTION_METRICS, r, results_key_of_case(c, n),
                            &s, (long)loops, &median) != 0)
        return MEASURE_FATAL;
    printf("  %10.1f instr/op", median);
    return MEASURE_DONE;
}

const instrument instrument_instructions = {
    .name = "instructions",
    .bit = INSTRUMENT_INSTRUCTIONS,
    .run_level = true,
    .pass = STAGE_INSTRUCTIONS,
    .metrics = instruction_metrics,
    .metric_count = INSTRUCTION_METRICS,
    .measure = measure_instructions,
};
