/* compare_stats.h: is one Python's set of samples different from the baseline's beyond
 * the noise? Welch's t-test (on logarithms when every sample is positive) with the
 * confidence interval of the ratio it implies, and the Mann–Whitney U test. Pure: no
 * I/O; the t and normal distributions come from GSL. */
#ifndef IDIOMBENCH_COMPARE_STATS_H
#define IDIOMBENCH_COMPARE_STATS_H

#include <stddef.h>

/* Pooled sample counts up to this are given an exact Mann–Whitney p-value. */
#define MANN_WHITNEY_EXACT_MAX_TOTAL 40

typedef enum comparison_test {
    TEST_NONE,      /* fewer than 2 samples on a side: nothing tested */
    TEST_WELCH_LOG, /* Welch's t on the logarithms: every sample is positive */
    TEST_WELCH,     /* Welch's t on the values */
    TEST_EXACT,     /* no variance on either side: the values are equal or they differ */
} comparison_test;

typedef enum comparison_verdict {
    VERDICT_INSUFFICIENT_DATA,
    VERDICT_NO_DIFFERENCE, /* the confidence interval of the ratio holds 1 */
    VERDICT_LOWER,         /* other < baseline beyond the noise ("faster" for time) */
    VERDICT_HIGHER,        /* other > baseline beyond the noise ("slower" for time) */
} comparison_verdict;

typedef struct welch_result {
    double difference;     /* mean(y) - mean(x) */
    double standard_error; /* of the difference */
    double df;             /* Welch–Satterthwaite degrees of freedom */
    double t;              /* difference / standard_error */
    double p_value;        /* two-sided */
} welch_result;

typedef struct sample_comparison {
    comparison_test test;
    comparison_verdict verdict;
    double ratio;   /* other / baseline: of geometric means (welch-log), of means
                     * otherwise; NAN when the baseline's mean is 0 or a side is empty */
    double ci_low;  /* confidence interval of the ratio; NAN when not tested or no ratio */
    double ci_high;
    double p_value; /* two-sided; NAN when not tested */
} sample_comparison;

/* Welch's t-test of mean(y) - mean(x) from each side's mean, sample variance (n - 1)
 * and count. Returns 0, or -1 when a count is below 2 or the standard error is 0. */
int compare_stats_welch_from_moments(double mean_x, double variance_x, size_t count_x,
                                     double mean_y, double variance_y, size_t count_y,
                                     welch_result *out);

/* Welch's t-test of mean(y) - mean(x) over the values themselves. Returns 0 or -1, as
 * compare_stats_welch_from_moments. */
int compare_stats_welch_t_test(const double *x, size_t count_x, const double *y,
                               size_t count_y, welch_result *out);

/* The t with P(|T| <= t) = confidence for Student's T with df degrees of freedom, i.e.
 * the upper (1 + confidence) / 2 quantile; 0 < confidence < 1, df > 0. */
double compare_stats_student_t_critical(double confidence, double df);

/* Compares other (y) with baseline (x) at a confidence level (0 < confidence < 1):
 * every sample positive → Welch on logs, ratio of geometric means, CI exp(d ± t·se);
 * otherwise Welch on the values, ratio of means, CI 1 + (CI of the difference) / mean(x);
 * no variance on both sides → TEST_EXACT; fewer than 2 samples on a side → TEST_NONE.
 * The verdict is HIGHER or LOWER when the interval of the difference excludes 0 (the
 * ratio's excludes 1; p < 1 - confidence), NO_DIFFERENCE otherwise. */
void compare_stats_two_samples(const double *baseline, size_t baseline_count,
                               const double *other, size_t other_count, double confidence,
                               sample_comparison *out);

/* The two-sided p-value of the Mann–Whitney U test of x against y: exact (the
 * permutation distribution of the rank sum, ties given mid-ranks) when count_x + count_y
 * <= MANN_WHITNEY_EXACT_MAX_TOTAL, else the normal approximation with tie and continuity
 * corrections. NAN when a side is empty; 1 when every value is the same. */
double compare_stats_mann_whitney_p(const double *x, size_t count_x, const double *y,
                                    size_t count_y);

/* "none", "welch-log", "welch", "exact" */
const char *compare_stats_test_name(comparison_test test);

/* "insufficient data", "no difference", and "faster"/"slower" for the metric
 * time_per_op, "lower"/"higher" for any other. */
const char *compare_stats_verdict_name(comparison_verdict verdict, const char *metric);

#endif
