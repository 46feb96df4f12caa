/* compare_stats.c: Welch's t-test, the ratio's confidence interval, Mann–Whitney U. */
#include "compare_stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* --- Welch's t-test ---------------------------------------------------------------- */

typedef struct moments {
    double mean;
    double variance; /* sample variance (n - 1); 0 for one value */
    size_t count;
} moments;

/* Mean and variance of the values, or of their natural logarithms. */
static moments moments_of(const double *values, size_t count, bool logarithms)
{
    moments m = {0.0, 0.0, count};
    if (count == 0)
        return m;
    double sum = 0.0;
    for (size_t i = 0; i < count; i++)
        sum += logarithms ? log(values[i]) : values[i];
    m.mean = sum / (double)count;
    double squares = 0.0;
    for (size_t i = 0; i < count; i++) {
        double deviation = (logarithms ? log(values[i]) : values[i]) - m.mean;
        squares += deviation * deviation;
    }
    m.variance = count > 1 ? squares / (double)(count - 1) : 0.0;
    return m;
}

int compare_stats_welch_from_moments(double mean_x, double variance_x, size_t count_x,
                                     double mean_y, double variance_y, size_t count_y,
                                     welch_result *out)
{
    if (count_x < 2 || count_y < 2)
        return -1;
    double share_x = variance_x / (double)count_x; /* squared standard error of mean x */
    double share_y = variance_y / (double)count_y;
    double se_squared = share_x + share_y;
    if (!(se_squared > 0.0) || !isfinite(se_squared))
        return -1;
    out->difference = mean_y - mean_x;
    out->standard_error = sqrt(se_squared);
    out->df = se_squared * se_squared /
              (share_x * share_x / (double)(count_x - 1) +
               share_y * share_y / (double)(count_y - 1));
    out->t = out->difference / out->standard_error;
    out->p_value = fmin(1.0, 2.0 * gsl_cdf_tdist_Q(fabs(out->t), out->df));
    return 0;
}

int compare_stats_welch_t_test(const double *x, size_t count_x, const double *y,
                               size_t count_y, welch_result *out)
{
    moments mx = moments_of(x, count_x, false), my = moments_of(y, count_y, false);
    return compare_stats_welch_from_moments(mx.mean, mx.variance, mx.count, my.mean,
                                            my.variance, my.count, out);
}

double compare_stats_student_t_critical(double confidence, double df)
{
    return gsl_cdf_tdist_Pinv((1.0 + confidence) / 2.0, df);
}

/* --- comparing two sets of samples -------------------------------------------------- */

static bool all_positive(const double *values, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (!(values[i] > 0.0))
            return false;
    return true;
}

static bool all_equal(const double *values, size_t count)
{
    for (size_t i = 1; i < count; i++)
        if (values[i] != values[0])
            return false;
    return true;
}

static comparison_verdict direction(double difference)
{
    return difference > 0.0 ? VERDICT_HIGHER : VERDICT_LOWER;
}

/* Both sides without variance: the same value (p = 1) or a certain difference (p = 0). */
static void compare_exactly(double baseline_value, double other_value,
                            sample_comparison *out)
{
    bool equal = baseline_value == other_value;
    out->test = TEST_EXACT;
    out->p_value = equal ? 1.0 : 0.0;
    out->verdict = equal ? VERDICT_NO_DIFFERENCE : direction(other_value - baseline_value);
    if (baseline_value != 0.0)
        out->ratio = other_value / baseline_value;
    out->ci_low = out->ci_high = out->ratio;
}

/* The ratio's interval from the difference's [low, high]: exp() of a difference of log
 * means; 1 + difference / mean(x) for a difference of means (mean(x) ≠ 0). */
static void ratio_interval(bool logarithms, double low, double high, double mean_x,
                           sample_comparison *out)
{
    if (logarithms) {
        out->ci_low = exp(low);
        out->ci_high = exp(high);
    } else if (mean_x != 0.0) {
        double a = 1.0 + low / mean_x, b = 1.0 + high / mean_x; /* mean_x < 0 swaps them */
        out->ci_low = fmin(a, b);
        out->ci_high = fmax(a, b);
    }
}

void compare_stats_two_samples(const double *baseline, size_t baseline_count,
                               const double *other, size_t other_count, double confidence,
                               sample_comparison *out)
{
    *out = (sample_comparison){TEST_NONE, VERDICT_INSUFFICIENT_DATA, NAN, NAN, NAN, NAN};
    bool logarithms = all_positive(baseline, baseline_count) &&
                      all_positive(other, other_count);
    moments mx = moments_of(baseline, baseline_count, logarithms);
    moments my = moments_of(other, other_count, logarithms);
    if (baseline_count > 0 && other_count > 0) {
        if (logarithms)
            out->ratio = exp(my.mean - mx.mean);
        else if (mx.mean != 0.0)
            out->ratio = my.mean / mx.mean;
    }
    if (baseline_count < 2 || other_count < 2)
        return;
    if (all_equal(baseline, baseline_count) && all_equal(other, other_count)) {
        compare_exactly(baseline[0], other[0], out);
        return;
    }
    welch_result w;
    if (compare_stats_welch_from_moments(mx.mean, mx.variance, mx.count, my.mean, my.variance,
                                         my.count, &w) != 0) {
        compare_exactly(mx.mean, my.mean, out); /* a variance too small for a double */
        return;
    }
    double half_width = compare_stats_student_t_critical(confidence, w.df) * w.standard_error;
    double low = w.difference - half_width, high = w.difference + half_width;
    out->test = logarithms ? TEST_WELCH_LOG : TEST_WELCH;
    out->p_value = w.p_value;
    ratio_interval(logarithms, low, high, mx.mean, out);
    out->verdict = low > 0.0 || high < 0.0 ? direction(w.difference) : VERDICT_NO_DIFFERENCE;
}

/* --- Mann–Whitney U ---------------------------------------------------------------- */

typedef struct ranked {
    double value;
    bool from_x;
} ranked;

static int compare_ranked(const void *a, const void *b)
{
    double x = ((const ranked *)a)->value, y = ((const ranked *)b)->value;
    return (x > y) - (x < y);
}

/* Twice each pooled value's mid-rank (an integer), in pooled order; the sum of Σ(t³ - t)
 * over groups of ties goes to tie_term. pool must be sorted. */
static void doubled_ranks(const ranked *pool, size_t total, long *rank2, double *tie_term)
{
    *tie_term = 0.0;
    for (size_t start = 0; start < total;) {
        size_t end = start + 1;
        while (end < total && pool[end].value == pool[start].value)
            end++;
        for (size_t i = start; i < end; i++)
            rank2[i] = (long)(start + 1 + end); /* ranks start+1 .. end, their mean × 2 */
        double ties = (double)(end - start);
        *tie_term += ties * ties * ties - ties;
        start = end;
    }
}

/* P(|W - E W| >= |observed - E W|) where W is the sum of count_x of the doubled ranks
 * drawn without replacement: the permutation distribution, counted by dynamic
 * programming over (how many drawn, their sum). NAN when memory runs out. */
static double exact_p(const long *rank2, size_t total, size_t count_x, long observed)
{
    long max_sum = (long)(total * (total + 1)); /* the sum of every doubled rank */
    size_t width = (size_t)max_sum + 1;
    double *ways = calloc((count_x + 1) * width, sizeof *ways);
    if (ways == NULL)
        return NAN;
    ways[0] = 1.0; /* no rank drawn, sum 0 */
    long reachable = 0;
    for (size_t i = 0; i < total; i++) {
        reachable += rank2[i];
        size_t top = i + 1 < count_x ? i + 1 : count_x;
        for (size_t k = top; k >= 1; k--)
            for (long s = reachable; s >= rank2[i]; s--)
                ways[k * width + (size_t)s] += ways[(k - 1) * width + (size_t)(s - rank2[i])];
    }
    long center = (long)(count_x * (total + 1)); /* E W, doubled ranks */
    long distance = labs(observed - center);
    double extreme = 0.0, all = 0.0;
    for (long s = 0; s <= max_sum; s++) {
        double w = ways[count_x * width + (size_t)s];
        all += w;
        if (labs(s - center) >= distance)
            extreme += w;
    }
    free(ways);
    return fmin(1.0, extreme / all);
}

/* The normal approximation of U, with the tie correction of its variance and a
 * continuity correction of 0.5. */
static double normal_p(size_t count_x, size_t count_y, long observed_rank2, double tie_term)
{
    double nx = (double)count_x, ny = (double)count_y, total = nx + ny;
    double u = (double)observed_rank2 / 2.0 - nx * (nx + 1.0) / 2.0;
    double variance = nx * ny / 12.0 * ((total + 1.0) - tie_term / (total * (total - 1.0)));
    if (!(variance > 0.0))
        return 1.0;
    double z = (fabs(u - nx * ny / 2.0) - 0.5) / sqrt(variance);
    return z <= 0.0 ? 1.0 : fmin(1.0, 2.0 * gsl_cdf_ugaussian_Q(z));
}

double compare_stats_mann_whitney_p(const double *x, size_t count_x, const double *y,
                                    size_t count_y)
{
    if (count_x == 0 || count_y == 0)
        return NAN;
    size_t total = count_x + count_y;
    ranked *pool = malloc(total * sizeof *pool);
    long *rank2 = malloc(total * sizeof *rank2);
    if (pool == NULL || rank2 == NULL) {
        free(pool);
        free(rank2);
        return NAN;
    }
    for (size_t i = 0; i < total; i++)
        pool[i] = i < count_x ? (ranked){x[i], true} : (ranked){y[i - count_x], false};
    qsort(pool, total, sizeof *pool, compare_ranked);
    double tie_term;
    doubled_ranks(pool, total, rank2, &tie_term);
    long observed = 0;
    for (size_t i = 0; i < total; i++)
        observed += pool[i].from_x ? rank2[i] : 0;
    double p = total <= MANN_WHITNEY_EXACT_MAX_TOTAL
                   ? exact_p(rank2, total, count_x, observed)
                   : normal_p(count_x, count_y, observed, tie_term);
    free(pool);
    free(rank2);
    return p;
}

/* --- names -------------------------------------------------------------------------- */

const char *compare_stats_test_name(comparison_test test)
{
    switch (test) {
    case TEST_WELCH_LOG:
        return "welch-log";
    case TEST_WELCH:
        return "welch";
    case TEST_EXACT:
        return "exact";
    default:
        return "none";
    }
}

const char *compare_stats_verdict_name(comparison_verdict verdict, const char *metric)
{
    bool time = strcmp(metric, "time_per_op") == 0;
    switch (verdict) {
    case VERDICT_NO_DIFFERENCE:
        return "no difference";
    case VERDICT_LOWER:
        return time ? "faster" : "lower";
    case VERDICT_HIGHER:
        return time ? "slower" : "higher";
    default:
        return "insufficient data";
    }
}
