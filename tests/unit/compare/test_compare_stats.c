/* test_compare_stats.c: Welch's t-test, the ratio's confidence interval, the verdicts and
 * the Mann–Whitney p-value, against textbook examples and values computed independently
 * (scipy.stats 1.10: ttest_ind(equal_var=False), t.ppf, mannwhitneyu, and a brute-force
 * enumeration of rank sums over every split of the pooled samples). */
#include "check.h"
#include "compare_stats.h"

#include <gsl/gsl_errno.h>
#include <math.h>

#define COUNT(array) (sizeof(array) / sizeof *(array))

/* Equal within a relative 1e-8: GSL inverts the t distribution to about 1e-9. */
#define CHECK_NEAR(actual, expected) check_near(__FILE__, __LINE__, #actual, (actual), (expected))

static bool check_near(const char *file, int line, const char *expr, double actual,
                       double expected)
{
    if (fabs(actual - expected) <= 1e-8 * fmax(fabs(expected), 1e-300))
        return true;
    return check_fail(file, line, "%s is %.17g, expected %.17g", expr, actual, expected);
}

static sample_comparison compare(const double *x, size_t nx, const double *y, size_t ny)
{
    sample_comparison result;
    compare_stats_two_samples(x, nx, y, ny, 0.95, &result);
    return result;
}

/* --- Welch's t-test ---------------------------------------------------------------- */

TEST(welch_matches_the_textbook_example)
{
    /* Wikipedia, "Welch's t-test", example 1: t = 2.46, df ≈ 25.0, p = 0.021. */
    const double a1[] = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1,
                         19.6, 19.0, 21.7, 21.4};
    const double a2[] = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9,
                         22.1, 22.9, 20.5, 24.4};
    welch_result w;
    REQUIRE(compare_stats_welch_t_test(a1, COUNT(a1), a2, COUNT(a2), &w) == 0);
    CHECK_NEAR(w.difference, 2.1666666666666679);
    CHECK_NEAR(w.standard_error, 0.88242451001375521);
    CHECK_NEAR(w.df, 24.988529290231416);
    CHECK_NEAR(w.t, 2.455356398286006);
    CHECK_NEAR(w.p_value, 0.021378001462866985);
}

TEST(welch_with_one_side_constant_has_the_other_sides_df)
{
    const double x[] = {5.0, 5.0, 5.0, 5.0}, y[] = {5.0, 6.0, 7.0};
    welch_result w;
    REQUIRE(compare_stats_welch_t_test(x, COUNT(x), y, COUNT(y), &w) == 0);
    CHECK_NEAR(w.df, 2.0);
    CHECK_NEAR(w.t, 1.7320508075688774);
    CHECK_NEAR(w.p_value, 0.22540333075851657);
}

TEST(welch_refuses_too_few_samples_or_no_variance)
{
    const double one[] = {1.0}, two[] = {1.0, 2.0}, flat[] = {3.0, 3.0, 3.0};
    welch_result w;
    CHECK(compare_stats_welch_t_test(one, 1, two, 2, &w) == -1);
    CHECK(compare_stats_welch_t_test(two, 2, one, 1, &w) == -1);
    CHECK(compare_stats_welch_t_test(flat, 3, flat, 3, &w) == -1);
}

TEST(t_quantiles_are_the_tables)
{
    /* 2.776 in every table */
    CHECK_NEAR(compare_stats_student_t_critical(0.95, 4.0), 2.7764451051977987);
    CHECK_NEAR(compare_stats_student_t_critical(0.95, 10.0), 2.2281388519649385);
    CHECK_NEAR(compare_stats_student_t_critical(0.99, 3.0), 5.8409092997564303);
}

/* --- compare_stats_two_samples ----------------------------------------------------------- */

TEST(identical_samples_make_no_difference)
{
    const double x[] = {10.0, 11.0, 12.0, 10.5};
    sample_comparison c = compare(x, COUNT(x), x, COUNT(x));
    CHECK_EQ_INT(c.test, TEST_WELCH_LOG);
    CHECK_EQ_INT(c.verdict, VERDICT_NO_DIFFERENCE);
    CHECK_NEAR(c.ratio, 1.0);
    CHECK_NEAR(c.p_value, 1.0);
    CHECK(c.ci_low < 1.0 && c.ci_high > 1.0);
}

TEST(positive_samples_give_the_ratio_of_geometric_means)
{
    const double x[] = {10.0, 11.0, 12.0, 10.5, 11.5}, y[] = {13.0, 14.5, 13.5, 12.5, 14.0};
    sample_comparison c = compare(x, COUNT(x), y, COUNT(y));
    CHECK_EQ_INT(c.test, TEST_WELCH_LOG);
    CHECK_NEAR(c.ratio, 1.2281302263622522);
    CHECK_NEAR(c.ci_low, 1.1151293517507948);
    CHECK_NEAR(c.ci_high, 1.352581967765895);
    CHECK_NEAR(c.p_value, 0.0012699183473423394);
    CHECK_EQ_INT(c.verdict, VERDICT_HIGHER);
    CHECK_STR_EQ(compare_stats_verdict_name(c.verdict, "time_per_op"), "slower");
    CHECK_STR_EQ(compare_stats_verdict_name(c.verdict, "bytes_per_op"), "higher");
}

TEST(shifted_samples_are_slower_one_way_and_faster_the_other)
{
    const double x[] = {100.0, 102.0, 98.0, 101.0, 99.0};
    const double y[] = {120.0, 123.0, 118.0, 121.0, 119.0};
    sample_comparison up = compare(x, COUNT(x), y, COUNT(y));
    sample_comparison down = compare(y, COUNT(y), x, COUNT(x));
    CHECK_EQ_INT(up.verdict, VERDICT_HIGHER);
    CHECK_EQ_INT(down.verdict, VERDICT_LOWER);
    CHECK_STR_EQ(compare_stats_verdict_name(down.verdict, "time_per_op"), "faster");
    CHECK_STR_EQ(compare_stats_verdict_name(down.verdict, "allocs_per_op"), "lower");
    CHECK(up.ci_low > 1.0);
    CHECK(down.ci_high < 1.0);
    CHECK_NEAR(up.ratio * down.ratio, 1.0); /* the geometric-mean ratio is symmetric */
    CHECK_NEAR(up.p_value, down.p_value);
}

TEST(the_confidence_level_decides_a_borderline_difference)
{
    const double x[] = {10.0, 11.0, 12.0, 13.0, 14.0}, y[] = {11.5, 12.5, 13.5, 14.5, 15.5};
    sample_comparison loose, strict;
    compare_stats_two_samples(x, 5, y, 5, 0.8, &loose);
    compare_stats_two_samples(x, 5, y, 5, 0.95, &strict);
    CHECK_EQ_INT(loose.verdict, VERDICT_HIGHER); /* p = 0.172 < 0.2 */
    CHECK_NEAR(loose.ci_low, 1.0081161369574481);
    CHECK_NEAR(loose.ci_high, 1.25918005115304);
    CHECK_EQ_INT(strict.verdict, VERDICT_NO_DIFFERENCE);
    CHECK_NEAR(strict.ci_low, 0.93752682353697347);
    CHECK_NEAR(strict.ci_high, 1.35398763750915);
    CHECK_NEAR(strict.p_value, 0.17246260059884005);
}

TEST(a_value_at_or_below_zero_switches_to_welch_on_values)
{
    const double x[] = {-1.0, 0.0, 1.0, 2.0, 3.0}, y[] = {2.0, 3.0, 4.0, 5.0, 4.5};
    sample_comparison c = compare(x, COUNT(x), y, COUNT(y));
    CHECK_EQ_INT(c.test, TEST_WELCH);
    CHECK_NEAR(c.ratio, 3.7000000000000002); /* mean 3.7 / mean 1 */
    CHECK_NEAR(c.ci_low, 1.6248933033294608); /* 1 + CI of the difference / mean(x) */
    CHECK_NEAR(c.ci_high, 5.7751066966705391);
    CHECK_NEAR(c.p_value, 0.017477143520434123);
    CHECK_EQ_INT(c.verdict, VERDICT_HIGHER);
}

TEST(a_negative_baseline_mean_keeps_the_interval_ordered)
{
    const double x[] = {-4.0, -5.0, -6.0}, y[] = {-1.0, -2.0, -1.5};
    sample_comparison c = compare(x, COUNT(x), y, COUNT(y));
    CHECK_EQ_INT(c.test, TEST_WELCH);
    CHECK_NEAR(c.ratio, 0.3);
    CHECK_NEAR(c.ci_low, -0.11553995031834718);
    CHECK_NEAR(c.ci_high, 0.71553995031834727);
    CHECK_NEAR(c.p_value, 0.012952709909001736);
    CHECK_EQ_INT(c.verdict, VERDICT_HIGHER); /* -1.5 is above -5, whatever the ratio says */
}

TEST(a_zero_baseline_mean_has_no_ratio_but_a_verdict)
{
    const double x[] = {-1.0, 0.0, 1.0}, y[] = {5.0, 6.0, 7.0};
    sample_comparison c = compare(x, COUNT(x), y, COUNT(y));
    CHECK_EQ_INT(c.test, TEST_WELCH);
    CHECK(isnan(c.ratio));
    CHECK(isnan(c.ci_low) && isnan(c.ci_high));
    CHECK(c.p_value < 0.05);
    CHECK_EQ_INT(c.verdict, VERDICT_HIGHER);
}

TEST(constant_equal_samples_are_exactly_no_difference)
{
    const double x[] = {5.0, 5.0, 5.0}, y[] = {5.0, 5.0, 5.0, 5.0};
    sample_comparison c = compare(x, COUNT(x), y, COUNT(y));
    CHECK_EQ_INT(c.test, TEST_EXACT);
    CHECK_EQ_INT(c.verdict, VERDICT_NO_DIFFERENCE);
    CHECK_EQ_DOUBLE(c.ratio, 1.0);
    CHECK_EQ_DOUBLE(c.ci_low, 1.0);
    CHECK_EQ_DOUBLE(c.ci_high, 1.0);
    CHECK_EQ_DOUBLE(c.p_value, 1.0);
}

TEST(constant_unequal_samples_differ_for_certain)
{
    const double x[] = {8.0, 8.0, 8.0}, y[] = {12.0, 12.0, 12.0};
    sample_comparison up = compare(x, 3, y, 3), down = compare(y, 3, x, 3);
    CHECK_EQ_INT(up.test, TEST_EXACT);
    CHECK_EQ_INT(up.verdict, VERDICT_HIGHER);
    CHECK_EQ_DOUBLE(up.ratio, 1.5);
    CHECK_EQ_DOUBLE(up.ci_low, 1.5);
    CHECK_EQ_DOUBLE(up.ci_high, 1.5);
    CHECK_EQ_DOUBLE(up.p_value, 0.0);
    CHECK_EQ_INT(down.verdict, VERDICT_LOWER);
}

TEST(constant_samples_in_tenths_compare_by_value_not_by_rounded_means)
{
    /* 3 × 0.1 / 3 and 4 × 0.1 / 4 differ in the last bit; the samples do not. */
    const double x[] = {0.1, 0.1, 0.1}, y[] = {0.1, 0.1, 0.1, 0.1};
    sample_comparison c = compare(x, COUNT(x), y, COUNT(y));
    CHECK_EQ_INT(c.test, TEST_EXACT);
    CHECK_EQ_INT(c.verdict, VERDICT_NO_DIFFERENCE);
}

TEST(zeros_against_zeros_or_against_a_count)
{
    const double zeros[] = {0.0, 0.0, 0.0}, twos[] = {2.0, 2.0, 2.0};
    sample_comparison same = compare(zeros, 3, zeros, 3), more = compare(zeros, 3, twos, 3);
    CHECK_EQ_INT(same.test, TEST_EXACT);
    CHECK_EQ_INT(same.verdict, VERDICT_NO_DIFFERENCE);
    CHECK(isnan(same.ratio));
    CHECK_EQ_DOUBLE(same.p_value, 1.0);
    CHECK_EQ_INT(more.verdict, VERDICT_HIGHER);
    CHECK(isnan(more.ratio));
    CHECK_EQ_DOUBLE(more.p_value, 0.0);
}

TEST(fewer_than_two_samples_is_insufficient_data)
{
    const double one[] = {1.0}, three[] = {1.0, 2.0, 3.0};
    sample_comparison c = compare(one, 1, three, 3);
    CHECK_EQ_INT(c.test, TEST_NONE);
    CHECK_EQ_INT(c.verdict, VERDICT_INSUFFICIENT_DATA);
    CHECK_STR_EQ(compare_stats_verdict_name(c.verdict, "time_per_op"), "insufficient data");
    CHECK_STR_EQ(compare_stats_test_name(c.test), "none");
    CHECK_NEAR(c.ratio, cbrt(6.0)); /* the point estimate stays: geometric mean of 1, 2, 3 */
    CHECK(isnan(c.ci_low) && isnan(c.ci_high) && isnan(c.p_value));
    c = compare(three, 3, one, 1);
    CHECK_EQ_INT(c.verdict, VERDICT_INSUFFICIENT_DATA);
    c = compare(NULL, 0, three, 3);
    CHECK_EQ_INT(c.verdict, VERDICT_INSUFFICIENT_DATA);
    CHECK(isnan(c.ratio));
}

TEST(names_of_tests_and_verdicts)
{
    CHECK_STR_EQ(compare_stats_test_name(TEST_WELCH_LOG), "welch-log");
    CHECK_STR_EQ(compare_stats_test_name(TEST_WELCH), "welch");
    CHECK_STR_EQ(compare_stats_test_name(TEST_EXACT), "exact");
    CHECK_STR_EQ(compare_stats_verdict_name(VERDICT_NO_DIFFERENCE, "time_per_op"),
                 "no difference");
    CHECK_STR_EQ(compare_stats_verdict_name(VERDICT_HIGHER, "fds_delta"), "higher");
}

/* --- Mann–Whitney U ---------------------------------------------------------------- */

TEST(mann_whitney_exact_for_tiny_samples)
{
    const double a[] = {1.0, 2.0, 3.0}, b[] = {4.0, 5.0, 6.0};
    /* 2 of the 20 splits are this extreme */
    CHECK_NEAR(compare_stats_mann_whitney_p(a, 3, b, 3), 0.1);
    CHECK_NEAR(compare_stats_mann_whitney_p(b, 3, a, 3), 0.1);
    const double c[] = {1.0, 2.0}, d[] = {3.0, 4.0, 5.0};
    CHECK_NEAR(compare_stats_mann_whitney_p(c, 2, d, 3), 0.2);
    const double e[] = {1.0, 5.0, 2.0, 8.0}, f[] = {3.0, 4.0, 6.0, 7.0, 9.0};
    CHECK_NEAR(compare_stats_mann_whitney_p(e, 4, f, 5), 0.4126984126984127);
}

TEST(mann_whitney_exact_with_ties_uses_mid_ranks)
{
    const double a[] = {1.0, 2.0, 2.0}, b[] = {2.0, 3.0, 4.0};
    CHECK_NEAR(compare_stats_mann_whitney_p(a, 3, b, 3), 0.3);
    const double threes[] = {3.0, 3.0, 3.0}, fours[] = {4.0, 4.0, 4.0};
    CHECK_NEAR(compare_stats_mann_whitney_p(threes, 3, fours, 3), 0.1);
}

TEST(mann_whitney_of_identical_values_is_one)
{
    const double a[] = {7.0, 7.0, 7.0, 7.0};
    CHECK_EQ_DOUBLE(compare_stats_mann_whitney_p(a, 4, a, 4), 1.0);
    const double b[] = {1.0, 2.0, 3.0, 4.0};
    CHECK_EQ_DOUBLE(compare_stats_mann_whitney_p(b, 4, b, 4), 1.0);
}

TEST(mann_whitney_normal_approximation_for_larger_samples)
{
    const double x[] = {8, 8, 11, 5, 10, 5, 12, 10, 13, 9, 11, 9, 9, 10, 7, 9, 11, 10, 9,
                        14, 10, 9, 10, 9, 9};
    const double y[] = {11, 16, 12, 12, 13, 16, 11, 10, 16, 9, 11, 13, 16, 10, 7, 13, 10,
                        11, 12, 12, 12, 11};
    REQUIRE(COUNT(x) + COUNT(y) > MANN_WHITNEY_EXACT_MAX_TOTAL);
    CHECK_NEAR(compare_stats_mann_whitney_p(x, COUNT(x), y, COUNT(y)), 0.00025785212801688939);
}

TEST(mann_whitney_of_an_empty_side_is_nan)
{
    const double a[] = {1.0, 2.0};
    CHECK(isnan(compare_stats_mann_whitney_p(a, 2, NULL, 0)));
    CHECK(isnan(compare_stats_mann_whitney_p(NULL, 0, a, 2)));
}

int main(void)
{
    gsl_set_error_handler_off();
    RUN(welch_matches_the_textbook_example);
    RUN(welch_with_one_side_constant_has_the_other_sides_df);
    RUN(welch_refuses_too_few_samples_or_no_variance);
    RUN(t_quantiles_are_the_tables);
    RUN(identical_samples_make_no_difference);
    RUN(positive_samples_give_the_ratio_of_geometric_means);
    RUN(shifted_samples_are_slower_one_way_and_faster_the_other);
    RUN(the_confidence_level_decides_a_borderline_difference);
    RUN(a_value_at_or_below_zero_switches_to_welch_on_values);
    RUN(a_negative_baseline_mean_keeps_the_interval_ordered);
    RUN(a_zero_baseline_mean_has_no_ratio_but_a_verdict);
    RUN(constant_equal_samples_are_exactly_no_difference);
    RUN(constant_unequal_samples_differ_for_certain);
    RUN(constant_samples_in_tenths_compare_by_value_not_by_rounded_means);
    RUN(zeros_against_zeros_or_against_a_count);
    RUN(fewer_than_two_samples_is_insufficient_data);
    RUN(names_of_tests_and_verdicts);
    RUN(mann_whitney_exact_for_tiny_samples);
    RUN(mann_whitney_exact_with_ties_uses_mid_ranks);
    RUN(mann_whitney_of_identical_values_is_one);
    RUN(mann_whitney_normal_approximation_for_larger_samples);
    RUN(mann_whitney_of_an_empty_side_is_nan);
    return check_summary();
}
