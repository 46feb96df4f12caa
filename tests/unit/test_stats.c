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
    return check_summary();
}
