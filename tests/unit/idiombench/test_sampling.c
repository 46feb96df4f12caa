/* test_sampling.c: the stopping rule of adaptive sampling, on summaries built by hand
 * (no clock: spent time is given). */
#include "check.h"
#include "sampling.h"

#include <math.h>

#define MS 1e6

/* A summary of count samples around median with a relative half-width. */
static summary pooled(size_t count, double median, double halfwidth)
{
    summary s = {0};
    s.count = count;
    s.median = median;
    s.ci_low = median * (1.0 - halfwidth);
    s.ci_high = median * (1.0 + halfwidth);
    return s;
}

static const sampling_plan plan = {.first = 10, .ci_target = 0.02, .budget_ns = 1000 * MS,
                                   .most = 1000};

TEST(stops_once_the_interval_is_within_the_target)
{
    summary s = pooled(10, 50.0, 0.019);
    CHECK(sampling_precise(&s, 0.02));
    CHECK_EQ_INT(sampling_next_batch(&plan, &s, 100 * MS), 0);
}

TEST(a_narrow_interval_below_six_samples_is_not_precise_yet)
{
    summary s = pooled(5, 50.0, 0.001); /* min..max of 5: only 93.75% */
    CHECK(!sampling_precise(&s, 0.02));
    CHECK_EQ_INT(sampling_next_batch(&plan, &s, 50 * MS), 1);
    summary two = pooled(2, 50.0, 0.0);
    CHECK_EQ_INT(sampling_next_batch(&plan, &two, 20 * MS), 4);
}

TEST(asks_for_the_samples_the_square_root_law_predicts)
{
    summary s = pooled(10, 50.0, 0.03); /* (0.03 / 0.02)^2 = 2.25: 12.5 more, cut to 10 */
    CHECK_EQ_INT(sampling_next_batch(&plan, &s, 100 * MS), 10);
    summary close = pooled(20, 50.0, 0.021); /* 20 × (1.1025 - 1) = 2.05: 3 more */
    CHECK_EQ_INT(sampling_next_batch(&plan, &close, 200 * MS), 3);
}

TEST(a_wider_target_or_a_smaller_budget_takes_fewer_samples)
{
    summary s = pooled(10, 50.0, 0.05);
    sampling_plan loose = plan, poor = plan;
    loose.ci_target = 0.10;
    poor.budget_ns = 150 * MS; /* 10 ms a sample: 5 more fit */
    CHECK_EQ_INT(sampling_next_batch(&plan, &s, 100 * MS), 10);
    CHECK_EQ_INT(sampling_next_batch(&loose, &s, 100 * MS), 0);
    CHECK_EQ_INT(sampling_next_batch(&poor, &s, 100 * MS), 5);
}

TEST(stops_when_not_one_more_sample_fits_in_the_budget)
{
    summary s = pooled(10, 50.0, 0.5);
    CHECK_EQ_INT(sampling_next_batch(&plan, &s, 995 * MS), 0); /* 99.5 ms a sample */
    CHECK_EQ_INT(sampling_next_batch(&plan, &s, 2000 * MS), 0); /* already past it */
}

TEST(stops_at_the_most_samples)
{
    sampling_plan capped = plan;
    capped.most = 14;
    summary s = pooled(10, 50.0, 0.5);
    CHECK_EQ_INT(sampling_next_batch(&capped, &s, 1 * MS), 4);
    summary full = pooled(14, 50.0, 0.5);
    CHECK_EQ_INT(sampling_next_batch(&capped, &full, 1 * MS), 0);
}

TEST(no_target_means_the_first_batch_alone)
{
    sampling_plan fixed = plan;
    fixed.ci_target = 0.0;
    summary s = pooled(1, 50.0, 0.0);
    CHECK_EQ_INT(sampling_next_batch(&fixed, &s, 1 * MS), 0);
}

TEST(a_median_of_zero_with_spread_doubles_the_samples)
{
    summary s = pooled(10, 0.0, 0.0);
    s.ci_low = -1.0;
    s.ci_high = 1.0;
    CHECK(!sampling_precise(&s, 0.02));
    CHECK(sampling_unstable(&s));
    CHECK_EQ_INT(sampling_next_batch(&plan, &s, 100 * MS), 10);
}

TEST(unstable_beyond_ten_percent)
{
    summary wide = pooled(30, 50.0, 0.11), narrow = pooled(30, 50.0, 0.09);
    CHECK(sampling_unstable(&wide));
    CHECK(!sampling_unstable(&narrow));
    summary negative = pooled(30, -50.0, 0.0);
    negative.ci_low = -56.0;
    negative.ci_high = -44.0; /* ±6 around |-50|: 12% */
    CHECK(sampling_unstable(&negative));
}

int main(void)
{
    RUN(stops_once_the_interval_is_within_the_target);
    RUN(a_narrow_interval_below_six_samples_is_not_precise_yet);
    RUN(asks_for_the_samples_the_square_root_law_predicts);
    RUN(a_wider_target_or_a_smaller_budget_takes_fewer_samples);
    RUN(stops_when_not_one_more_sample_fits_in_the_budget);
    RUN(stops_at_the_most_samples);
    RUN(no_target_means_the_first_batch_alone);
    RUN(a_median_of_zero_with_spread_doubles_the_samples);
    RUN(unstable_beyond_ten_percent);
    return check_summary();
}
