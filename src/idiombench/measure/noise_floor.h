/* noise_floor.h: the machine's noise floor, measured by the run itself: the empty loop
 * (`for _ in repeat(None, loops): pass`, the loop every time figure subtracts) timed
 * NOISE_FLOOR_SAMPLES times before the cases and as many times after them, at the loop
 * count that lasts the run's timed loop duration. */
#ifndef IDIOMBENCH_NOISE_FLOOR_H
#define IDIOMBENCH_NOISE_FLOOR_H

#include <stddef.h>
#include <stdint.h>

#include "results_meta.h"

#define NOISE_FLOOR_SAMPLES 10 /* per probe: before the cases, after them */

typedef struct noise_floor {
    int64_t target_ns;  /* the run's timed loop duration */
    long loops;         /* the empty loop's iterations, calibrated by the first probe */
    double before_ns[NOISE_FLOOR_SAMPLES]; /* ns per iteration, one per timing */
    double after_ns[NOISE_FLOOR_SAMPLES];
    size_t before_count, after_count;
} noise_floor;

/* Calibrates the empty loop to target_ns and times it NOISE_FLOOR_SAMPLES times
 * (before the cases; the interpreter must be up). Returns 0, or -1 with a Python
 * exception set. */
int noise_floor_before(noise_floor *nf, int64_t target_ns);

/* Times it NOISE_FLOOR_SAMPLES times more (after the cases). Returns 0 or -1 (exception). */
int noise_floor_after(noise_floor *nf);

/* Adds the figures to meta: noise_floor_cv_pct (the coefficient of variation of every
 * timing, before and after, in percent), noise_floor_drift_pct (the median after
 * relative to the median before, in percent: + slower) and noise_floor_method (what was
 * timed, and the empty loop's cost). Returns 0 or -1 (memory). */
int noise_floor_add_meta(const noise_floor *nf, meta_list *meta);

#endif
