/* test_stats.c: stats.c against vectors worked out by hand (and checked with Python's
 * statistics module), in the manner of google/benchmark's statistics tests. */
#include "check.h"
#include "stats.h"

#include <math.h>
#include <string.h>

#define COUNT(array) (sizeof(array) / sizeof *(array))

TEST(median_of_odd_count_is_the_middle_value)
{
    double values[] = {5.0, 1.0, 3.0};
    CHECK_EQ_DOUBLE(stats_median_inplace(values, COUNT(values)), 3.0);
}

TEST(median_of_even_count_is_the_mean_of_the_middle_two)
{
    double values[] = {4.0, 1.0, 3.0, 2.0};
    CHECK_EQ_DOUBLE(stats_median_inplace(values, COUNT(values)), 2.5);
}

TEST(median_of_one_value_is_that_value)
{
    double values[] = {7.25};
    CHECK_EQ_DOUBLE(stats_median_inplace(values, 1), 7.25);
}

TEST(median_with_duplicates_and_negatives)
{
    double values[] = {-1.0, 3.0, -1.0, 10.0, 2.0, 2.0}; /* -1 -1 2 2 3 10 */
    CHECK_EQ_DOUBLE(stats_median_inplace(values, COUNT(values)), 2.0);
    double constant[] = {42.0, 42.0, 42.0, 42.0};
    CHECK_EQ_DOUBLE(stats_median_inplace(constant, COUNT(constant)), 42.0);
    double ramp[] = {1.0, 2.0, 3.0, 4.0};
    CHECK_EQ_DOUBLE(stats_median_inplace(ramp, COUNT(ramp)), 2.5);
}

TEST(median_inplace_leaves_the_same_values)
{
    double values[] = {9.0, -2.0, 4.5, 0.0, 7.0};
    CHECK_EQ_DOUBLE(stats_median_inplace(values, COUNT(values)), 4.5);
    double sum = 0.0;
    for (size_t i = 0; i < COUNT(values); i++)
        sum += values[i];
    CHECK_EQ_DOUBLE(sum, 18.5); /* reordered, not changed */
}

TEST(summary_of_an_even_count)
{
    /* mean 7; deviations -6 -5 -2 3 3 7, squares sum 132; 132/5 = 26.4 */
    const double values[] = {1.0, 2.0, 5.0, 10.0, 10.0, 14.0};
    summary s;
    REQUIRE(stats_summarize(values, COUNT(values), &s) == 0);
    CHECK_EQ_DOUBLE(s.median, 7.5);
    CHECK_EQ_DOUBLE(s.mean, 7.0);
    CHECK_EQ_DOUBLE(s.stddev, sqrt(26.4));
    CHECK_EQ_DOUBLE(s.stddev, 5.138093031466052);
    CHECK_EQ_DOUBLE(s.cv, 0.734013290209436);
    CHECK_EQ_DOUBLE(s.min, 1.0);
    CHECK_EQ_DOUBLE(s.max, 14.0);
    CHECK_EQ_INT(s.count, 6);
}

TEST(summary_of_an_odd_count)
{
    /* mean 3.5; squares 1 + 1.21 + 0.04 + 0.49 + 2.56 = 5.3; 5.3/4 = 1.325 */
    const double values[] = {2.5, 2.4, 3.3, 4.2, 5.1};
    summary s;
    REQUIRE(stats_summarize(values, COUNT(values), &s) == 0);
    CHECK_EQ_DOUBLE(s.median, 3.3);
    CHECK_EQ_DOUBLE(s.mean, 3.5);
    CHECK_EQ_DOUBLE(s.stddev, 1.1510864433221337);
    CHECK_EQ_DOUBLE(s.cv, 0.32888184094918105);
    CHECK_EQ_DOUBLE(s.min, 2.4);
    CHECK_EQ_DOUBLE(s.max, 5.1);
    CHECK_EQ_INT(s.count, 5);
}

TEST(summary_does_not_reorder_its_input)
{
    const double values[] = {3.0, 1.0, 2.0};
    double copy[3];
    memcpy(copy, values, sizeof copy);
    summary s;
    REQUIRE(stats_summarize(copy, 3, &s) == 0);
    CHECK_EQ_DOUBLE(copy[0], 3.0);
    CHECK_EQ_DOUBLE(copy[1], 1.0);
    CHECK_EQ_DOUBLE(copy[2], 2.0);
    CHECK_EQ_DOUBLE(s.median, 2.0);
}

TEST(summary_of_one_value_has_no_spread)
{
    const double values[] = {42.0};
    summary s;
    REQUIRE(stats_summarize(values, 1, &s) == 0);
    CHECK_EQ_DOUBLE(s.median, 42.0);
    CHECK_EQ_DOUBLE(s.mean, 42.0);
    CHECK(s.stddev == 0.0);
    CHECK(s.cv == 0.0);
    CHECK_EQ_DOUBLE(s.min, 42.0);
    CHECK_EQ_DOUBLE(s.max, 42.0);
    CHECK_EQ_INT(s.count, 1);
}

TEST(summary_of_no_values_fails)
{
    const double values[] = {1.0};
    summary s = {0};
    CHECK_EQ_INT(stats_summarize(values, 0, &s), -1);
}

TEST(constant_values_have_exactly_zero_spread)
{
    const double values[] = {101.0, 101.0, 101.0, 101.0};
    summary s;
    REQUIRE(stats_summarize(values, COUNT(values), &s) == 0);
    CHECK(s.stddev == 0.0);
    CHECK(s.cv == 0.0);
}

TEST(cv_is_zero_when_the_mean_is_zero)
{
    const double values[] = {-1.0, 1.0};
    summary s;
    REQUIRE(stats_summarize(values, COUNT(values), &s) == 0);
    CHECK(s.mean == 0.0);
    CHECK_EQ_DOUBLE(s.stddev, sqrt(2.0));
    CHECK(s.cv == 0.0);
}

TEST(cv_uses_the_absolute_mean)
{
    const double values[] = {-2.0, -4.0};
    summary s;
    REQUIRE(stats_summarize(values, COUNT(values), &s) == 0);
    CHECK_EQ_DOUBLE(s.mean, -3.0);
    CHECK_EQ_DOUBLE(s.median, -3.0);
    CHECK_EQ_DOUBLE(s.cv, 0.47140452079103173);
    CHECK_EQ_DOUBLE(s.min, -4.0);
    CHECK_EQ_DOUBLE(s.max, -2.0);
}

TEST(stddev_is_stable_far_from_zero)
{
    /* A one-pass sum of squares loses these digits; two passes keep them exactly. */
    const double values[] = {1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0};
    summary s;
    REQUIRE(stats_summarize(values, COUNT(values), &s) == 0);
    CHECK_EQ_DOUBLE(s.mean, 1e9 + 2.0);
    CHECK_EQ_DOUBLE(s.stddev, 1.0);
}

/* The ranks and coverages below: Python's math.comb, 1 - 2 * sum(comb(n, i)) / 2**n. */
TEST(median_ci_below_six_values_is_min_to_max_with_its_real_coverage)
{
    const double sorted[] = {1.0, 2.0, 3.0, 4.0, 5.0};
    double low, high;
    CHECK_EQ_DOUBLE(stats_median_ci(sorted, 5, &low, &high), 0.9375);
    CHECK_EQ_DOUBLE(low, 1.0);
    CHECK_EQ_DOUBLE(high, 5.0);
    CHECK_EQ_DOUBLE(stats_median_ci(sorted, 2, &low, &high), 0.5);
    CHECK_EQ_DOUBLE(high, 2.0);
    CHECK(stats_median_ci(sorted, 1, &low, &high) == 0.0);
    CHECK_EQ_DOUBLE(low, 1.0);
    CHECK_EQ_DOUBLE(high, 1.0);
}

TEST(median_ci_of_six_values_is_the_first_95_percent_interval)
{
    const double sorted[] = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0};
    double low, high;
    CHECK_EQ_DOUBLE(stats_median_ci(sorted, 6, &low, &high), 0.96875); /* 1 - 2/64 */
    CHECK_EQ_DOUBLE(low, 1.0);
    CHECK_EQ_DOUBLE(high, 6.0);
    CHECK_EQ_INT(STATS_CI_MIN_COUNT, 6);
}

TEST(median_ci_narrows_to_inner_order_statistics_as_values_grow)
{
    double sorted[1000];
    for (size_t i = 0; i < COUNT(sorted); i++)
        sorted[i] = (double)(i + 1); /* x(k) = k */
    double low, high;
    CHECK_EQ_DOUBLE(stats_median_ci(sorted, 10, &low, &high), 0.978515625);
    CHECK_EQ_DOUBLE(low, 2.0);
    CHECK_EQ_DOUBLE(high, 9.0);
    CHECK(fabs(stats_median_ci(sorted, 20, &low, &high) - 0.9586105346679688) < 1e-12);
    CHECK_EQ_DOUBLE(low, 6.0);
    CHECK_EQ_DOUBLE(high, 15.0);
    CHECK(fabs(stats_median_ci(sorted, 100, &low, &high) - 0.9647997997822952) < 1e-12);
    CHECK_EQ_DOUBLE(low, 40.0);
    CHECK_EQ_DOUBLE(high, 61.0);
    /* 2^-1000 is near the smallest double: the logarithms keep it right. */
    CHECK(fabs(stats_median_ci(sorted, 1000, &low, &high) - 0.9537088026395019) < 1e-9);
    CHECK_EQ_DOUBLE(low, 469.0);
    CHECK_EQ_DOUBLE(high, 532.0);
}

TEST(median_ci_coverage_is_at_least_95_percent_from_six_values)
{
    for (size_t count = 1; count <= 300; count++) {
        double coverage = stats_median_ci_coverage(count);
        CHECK(count < STATS_CI_MIN_COUNT ? coverage < 0.95 : coverage >= 0.95);
        CHECK(coverage <= 1.0);
    }
}

TEST(summary_holds_the_median_inside_its_interval)
{
    const double values[] = {9.0, 1.0, 7.0, 3.0, 5.0, 2.0, 8.0, 4.0, 6.0, 10.0};
    summary s;
    REQUIRE(stats_summarize(values, COUNT(values), &s) == 0);
    CHECK_EQ_DOUBLE(s.ci_low, 2.0);
    CHECK_EQ_DOUBLE(s.ci_high, 9.0);
    CHECK(s.ci_low <= s.median && s.median <= s.ci_high);
    CHECK_EQ_DOUBLE(stats_ci_relative_halfwidth(&s), 3.5 / 5.5);
}

TEST(relative_halfwidth_of_a_point_is_zero_and_around_zero_infinite)
{
    const double constant[] = {4.0, 4.0, 4.0, 4.0, 4.0, 4.0};
    summary s;
    REQUIRE(stats_summarize(constant, COUNT(constant), &s) == 0);
    CHECK(stats_ci_relative_halfwidth(&s) == 0.0);
    const double around_zero[] = {-2.0, -1.0, 0.0, 0.0, 1.0, 2.0};
    REQUIRE(stats_summarize(around_zero, COUNT(around_zero), &s) == 0);
    CHECK(isinf(stats_ci_relative_halfwidth(&s)));
}

int main(void)
{
    RUN(median_of_odd_count_is_the_middle_value);
    RUN(median_of_even_count_is_the_mean_of_the_middle_two);
    RUN(median_of_one_value_is_that_value);
    RUN(median_with_duplicates_and_negatives);
    RUN(median_inplace_leaves_the_same_values);
    RUN(summary_of_an_even_count);
    RUN(summary_of_an_odd_count);
    RUN(summary_does_not_reorder_its_input);
    RUN(summary_of_one_value_has_no_spread);
    RUN(summary_of_no_values_fails);
    RUN(constant_values_have_exactly_zero_spread);
    RUN(cv_is_zero_when_the_mean_is_zero);
    RUN(cv_uses_the_absolute_mean);
    RUN(stddev_is_stable_far_from_zero);
    RUN(median_ci_below_six_values_is_min_to_max_with_its_real_coverage);
    RUN(median_ci_of_six_values_is_the_first_95_percent_interval);
    RUN(median_ci_narrows_to_inner_order_statistics_as_values_grow);
    RUN(median_ci_coverage_is_at_least_95_percent_from_six_values);
    RUN(summary_holds_the_median_inside_its_interval);
    RUN(relative_halfwidth_of_a_point_is_zero_and_around_zero_infinite);
    return check_summary();
}
