/* complexity.h: which curve (O(1), O(n), O(n log n), O(n^2)) fits a cost measured
 * over sizes, by least squares, as Google Benchmark's complexity reports do. Pure. */
#ifndef IDIOMBENCH_COMPLEXITY_H
#define IDIOMBENCH_COMPLEXITY_H

#include <stddef.h>

typedef enum complexity_curve {
    CURVE_O1,
    CURVE_ON,
    CURVE_ONLOGN,
    CURVE_ON2,
    CURVE_COUNT
} complexity_curve;

typedef struct complexity_fit {
    complexity_curve best;             /* the curve with the smallest rms */
    double coefficient[CURVE_COUNT];   /* cost ≈ coefficient × curve(n) */
    double rms[CURVE_COUNT];           /* rms of the relative residuals (1 - fit / cost);
                                        * of the residuals over the mean cost where
                                        * some cost is <= 0 */
} complexity_fit;

/* Fits cost[i] measured at size[i] (count >= 2 distinct sizes, sizes >= 1) to every
 * curve. Returns 0, or -1 when there are too few points or the costs are all zero. */
int complexity_fit_costs(const long *size, const double *cost, size_t count,
                         complexity_fit *out);

/* "O(1)", "O(n)", "O(n log n)", "O(n^2)" */
const char *complexity_curve_name(complexity_curve curve);

/* Fewest sizes a case needs before a curve is fitted to it. */
#define COMPLEXITY_MIN_SIZES 3

#endif
