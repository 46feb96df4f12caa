/* test_complexity.c: curves fitted to exact and noisy costs; complexity.csv rows. */
#include "check.h"
#include "complexity.h"
#include "results_complexity.h"
#include "sandbox.h"

#include <math.h>

static const long sizes[] = {10, 100, 1000, 10000, 100000};

static complexity_curve best_for(double (*cost_of)(double n), double noise)
{
    double cost[5];
    for (int i = 0; i < 5; i++)
        cost[i] = cost_of((double)sizes[i]) * (1.0 + (i % 2 ? noise : -noise));
    complexity_fit fit;
    if (complexity_fit_costs(sizes, cost, 5, &fit) != 0)
        return CURVE_COUNT;
    return fit.best;
}

static double constant(double n) { (void)n; return 42.0; }
static double linear(double n) { return 3.0 * n + 5.0; }
static double n_log_n(double n) { return 0.5 * n * log2(n); }
static double quadratic(double n) { return 0.01 * n * n + n; }

TEST(each_curve_is_recognised_exactly_and_with_noise)
{
    CHECK_EQ_INT(best_for(constant, 0.0), CURVE_O1);
    CHECK_EQ_INT(best_for(linear, 0.0), CURVE_ON);
    CHECK_EQ_INT(best_for(n_log_n, 0.0), CURVE_ONLOGN);
    CHECK_EQ_INT(best_for(quadratic, 0.0), CURVE_ON2);
    CHECK_EQ_INT(best_for(constant, 0.05), CURVE_O1);
    CHECK_EQ_INT(best_for(linear, 0.05), CURVE_ON);
    CHECK_EQ_INT(best_for(quadratic, 0.05), CURVE_ON2);
}

/* Every size counts alike: a time per element flat within +-20% over three decades,
 * a little higher at the largest n (strings/hello_join_map on 2.7, default mode), is
 * O(n), its error 3.2x smaller than O(n log n)'s. An absolute fit, decided by the
 * largest cost alone, gave O(n log n). */
TEST(every_size_counts_alike)
{
    long sizes[] = {10, 100, 1000, 10000};
    double cost[] = {4000.0, 33000.0, 270000.0, 3.3e6};
    complexity_fit fit;
    REQUIRE(complexity_fit_costs(sizes, cost, 4, &fit) == 0);
    CHECK_EQ_INT(fit.best, CURVE_ON);
    CHECK(fit.rms[CURVE_ONLOGN] > 3.0 * fit.rms[CURVE_ON]);
}

/* A cost at or below 0 (a net time within the noise) has no relative residual: the
 * fit is then the absolute one, and still finds the curve. */
TEST(a_cost_at_or_below_zero_falls_back_to_the_absolute_fit)
{
    long sizes[] = {1, 100, 1000, 10000};
    double cost[] = {-0.5, 200.0, 2000.0, 20000.0};
    complexity_fit fit;
    REQUIRE(complexity_fit_costs(sizes, cost, 4, &fit) == 0);
    CHECK_EQ_INT(fit.best, CURVE_ON);
    CHECK(fit.rms[CURVE_ON] < 1e-3);
}

TEST(coefficient_and_rms_of_an_exact_line)
{
    double cost[5];
    for (int i = 0; i < 5; i++)
        cost[i] = 2.5 * (double)sizes[i];
    complexity_fit fit;
    REQUIRE(complexity_fit_costs(sizes, cost, 5, &fit) == 0);
    CHECK_EQ_DOUBLE(fit.coefficient[CURVE_ON], 2.5);
    CHECK(fit.rms[CURVE_ON] < 1e-12);
    CHECK(fit.rms[CURVE_O1] > 0.5);
}

TEST(too_few_points_or_no_cost_is_refused)
{
    complexity_fit fit;
    double cost[3] = {1.0, 2.0, 3.0};
    long same[3] = {10, 10, 10};
    double zero[3] = {0.0, 0.0, 0.0};
    CHECK(complexity_fit_costs(sizes, cost, 1, &fit) == -1);
    CHECK(complexity_fit_costs(same, cost, 3, &fit) == -1);
    CHECK(complexity_fit_costs(sizes, zero, 3, &fit) == -1);
}

TEST(names)
{
    CHECK_STR_EQ(complexity_curve_name(CURVE_O1), "O(1)");
    CHECK_STR_EQ(complexity_curve_name(CURVE_ONLOGN), "O(n log n)");
    CHECK_STR_EQ(complexity_curve_name(CURVE_ON2), "O(n^2)");
}

static void add(results *r, const char *case_name, long n, const char *metric, double median)
{
    summary s = {median, median, 0, 0, median, median, 2, median, median};
    result_key key = {"fam", case_name, n};
    REQUIRE(results_add_row(r, key, metric, "ns", &s, 10) == 0);
}

TEST(csv_has_one_row_per_scaling_series)
{
    results r;
    REQUIRE(results_init(&r, "3.11.7") == 0);
    add(&r, "grows", 10, "time_per_op", 20.0);
    add(&r, "flat", -1, "time_per_op", 5.0); /* not sized: no fit */
    add(&r, "grows", 100, "time_per_op", 200.0);
    add(&r, "two_sizes", 10, "time_per_op", 1.0);
    add(&r, "two_sizes", 100, "time_per_op", 2.0);
    add(&r, "grows", 1000, "time_per_op", 2000.0);
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "complexity.csv");
    REQUIRE(results_complexity_write(&r, path) == 0);
    char *text = sandbox_read(path);
    REQUIRE(text != NULL);
    /* "grows" is exactly 2n: O(n), coefficient 2, no residual; the other cases have
     * no size or too few sizes. O(1)'s relative rms by hand: c = sum(1/cost) /
     * sum(1/cost^2) = 21.978 leaves 1 - c/cost = -0.0989, 0.8901, 0.9890:
     * sqrt(mean of squares) = 0.770328887 (9 digits, %.9g). */
    CHECK_STR_STARTS(text, "python_version,family,case,metric,unit,sizes,best_fit,"
                           "coefficient,rms_o1,rms_on,rms_onlogn,rms_on2\n"
                           "3.11.7,fam,grows,time_per_op,ns,3,O(n),2,");
    CHECK_STR_CONTAINS(text, ",O(n),2,0.770328887,0,");
    size_t lines = 0;
    for (const char *p = text; *p != '\0'; p++)
        lines += *p == '\n';
    CHECK_EQ_INT(lines, 2);
    free(text);
    sandbox_remove(dir);
    results_free(&r);
}

int main(void)
{
    RUN(each_curve_is_recognised_exactly_and_with_noise);
    RUN(every_size_counts_alike);
    RUN(a_cost_at_or_below_zero_falls_back_to_the_absolute_fit);
    RUN(coefficient_and_rms_of_an_exact_line);
    RUN(too_few_points_or_no_cost_is_refused);
    RUN(names);
    RUN(csv_has_one_row_per_scaling_series);
    return check_summary();
}
