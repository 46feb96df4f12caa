/* complexity.c: least-squares fits of cost = c × f(n) for the usual curves. */
#include "complexity.h"

#include <math.h>
#include <stdbool.h>

static double curve_value(complexity_curve curve, double n)
{
    switch (curve) {
    case CURVE_O1:
        return 1.0;
    case CURVE_ON:
        return n;
    case CURVE_ONLOGN:
        return n * log2(n);
    case CURVE_ON2:
        return n * n;
    default:
        return NAN;
    }
}

const char *complexity_curve_name(complexity_curve curve)
{
    static const char *const names[CURVE_COUNT] = {"O(1)", "O(n)", "O(n log n)", "O(n^2)"};
    return curve < CURVE_COUNT ? names[curve] : "?";
}

/* Relative least squares: c minimising sum (1 - c f(n) / cost)^2, i.e. with weights
 * 1 / cost^2, is sum(f / cost) / sum((f / cost)^2); rms is that of the relative residuals.
 * Every size then counts alike: an absolute fit is decided by the largest n alone (its
 * cost dwarfs the others'), and there noise or cache effects picked O(n log n) for a
 * time per element that is flat over three decades. */
static void fit_relative(complexity_curve curve, const long *size, const double *cost,
                         size_t count, double *coefficient, double *rms)
{
    double cross = 0.0, squares = 0.0;
    for (size_t i = 0; i < count; i++) {
        double g = curve_value(curve, (double)size[i]) / cost[i];
        cross += g;
        squares += g * g;
    }
    double c = squares > 0.0 ? cross / squares : 0.0;
    double residuals = 0.0;
    for (size_t i = 0; i < count; i++) {
        double r = 1.0 - c * curve_value(curve, (double)size[i]) / cost[i];
        residuals += r * r;
    }
    *coefficient = c;
    *rms = sqrt(residuals / (double)count);
}

/* Absolute least squares, for costs not all > 0 (a net time at or below 0): c minimising
 * sum (cost - c f(n))^2 is sum(cost f) / sum(f^2); rms over the mean. */
static void fit_absolute(complexity_curve curve, const long *size, const double *cost,
                         size_t count, double mean, double *coefficient, double *rms)
{
    double cross = 0.0, squares = 0.0;
    for (size_t i = 0; i < count; i++) {
        double f = curve_value(curve, (double)size[i]);
        cross += cost[i] * f;
        squares += f * f;
    }
    double c = squares > 0.0 ? cross / squares : 0.0;
    double residuals = 0.0;
    for (size_t i = 0; i < count; i++) {
        double r = cost[i] - c * curve_value(curve, (double)size[i]);
        residuals += r * r;
    }
    *coefficient = c;
    *rms = sqrt(residuals / (double)count) / mean;
}

static int distinct_sizes(const long *size, size_t count)
{
    for (size_t i = 1; i < count; i++)
        if (size[i] != size[0])
            return 1;
    return 0;
}

int complexity_fit_costs(const long *size, const double *cost, size_t count,
                         complexity_fit *out)
{
    if (count < 2 || !distinct_sizes(size, count))
        return -1;
    double sum = 0.0;
    bool all_positive = true;
    for (size_t i = 0; i < count; i++) {
        if (size[i] < 1)
            return -1;
        sum += cost[i];
        all_positive = all_positive && cost[i] > 0.0;
    }
    double mean = sum / (double)count;
    if (mean <= 0.0)
        return -1;
    out->best = CURVE_O1;
    for (int curve = 0; curve < CURVE_COUNT; curve++) {
        if (all_positive)
            fit_relative((complexity_curve)curve, size, cost, count,
                         &out->coefficient[curve], &out->rms[curve]);
        else
            fit_absolute((complexity_curve)curve, size, cost, count, mean,
                         &out->coefficient[curve], &out->rms[curve]);
        if (out->rms[curve] < out->rms[out->best])
            out->best = (complexity_curve)curve;
    }
    return 0;
}
