/* test_compare_outputs.c: measurements.csv, complexity.csv and comparison.csv of the
 * compare tool, byte for byte (golden output) from a fixture worked out by hand. */
#include "check.h"
#include "compare_comparison.h"
#include "compare_complexity.h"
#include "compare_fixture.h"
#include "compare_measurements.h"
#include "sandbox.h"

static void write_measurements(FILE *out, const void *arg)
{
    compare_measurements_write(out, &((const compare_fixture *)arg)->set);
}

static void write_complexity(FILE *out, const void *arg)
{
    if (compare_complexity_write(out, &((const compare_fixture *)arg)->set) != 0)
        fputs("(out of memory)", out);
}

static void write_comparison(FILE *out, const void *arg)
{
    const compare_fixture *f = arg;
    compare_comparison_write(out, &f->set, &f->comparisons);
}

TEST(measurements_summarise_the_rounds_by_version_as_the_harness_does)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, compare_fixture_csv, "3.11.7") == 0);
    char *text = sandbox_capture(write_measurements, &f);
    CHECK_STR_EQ(text,
        MEASUREMENTS_COLUMNS "\n"
        "3.11.7,identity,is_none,,time_per_op,ns,10,10,0,0,10,10,2,2000,10,10\n"
        "3.11.7,identity,is_none,,allocs_per_op,allocs,0,0,0,0,0,0,1,10000,0,0\n"
        "3.11.7,strings,join,10,bytes_per_op,bytes,80,80,0,0,80,80,2,1000,80,80\n"
        "3.11.7,strings,join,100,bytes_per_op,bytes,800,800,0,0,800,800,2,100,800,800\n"
        "3.11.7,strings,join,1000,bytes_per_op,bytes,8000,8000,0,0,8000,8000,2,10,8000,8000\n"
        "3.12.1,copying,deep,,allocs_per_op,allocs,1,1,0,0,1,1,2,100,1,1\n"
        "3.12.1,identity,is_none,,time_per_op,ns,12,12,0,0,12,12,2,2000,12,12\n"
        "3.12.1,identity,is_none,,allocs_per_op,allocs,0,0,0,0,0,0,1,10000,0,0\n"
        "3.12.1,strings,join,10,bytes_per_op,bytes,80,80,0,0,80,80,2,1000,80,80\n"
        "3.13.0,identity,is_none,,time_per_op,ns,8,8,0,0,8,8,2,2000,8,8\n");
    free(text);
    compare_fixture_free(&f);
}

TEST(measurements_of_noisy_rounds_and_quoted_names)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, SAMPLES_COLUMNS "\n"
                                 "3.12.1,\"a,b\",c,,time_per_op,ns,1,2.5,10\n"
                                 "3.12.1,\"a,b\",c,,time_per_op,ns,2,2.4,11\n"
                                 "3.12.1,\"a,b\",c,,time_per_op,ns,3,3.3,12\n"
                                 "3.12.1,\"a,b\",c,,time_per_op,ns,4,4.2,13\n"
                                 "3.12.1,\"a,b\",c,,time_per_op,ns,5,5.1,14\n",
                                 "3.12.1") == 0);
    char *text = sandbox_capture(write_measurements, &f);
    /* as test_stats's summary_of_an_odd_count */
    CHECK_STR_EQ(text, MEASUREMENTS_COLUMNS "\n"
                       "3.12.1,\"a,b\",c,,time_per_op,ns,3.3,3.5,1.15108644,0.328881841,2.4,5.1,5,"
                       "12,2.4,5.1\n");
    free(text);
    compare_fixture_free(&f);
}

TEST(complexity_fits_each_versions_medians_over_n)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, compare_fixture_csv, "3.11.7") == 0);
    char *text = sandbox_capture(write_complexity, &f);
    /* 8n at n = 10, 100, 1000: O(n), coefficient 8. The rms are of relative residuals
     * (complexity.c): O(1) fits c = sum(1/cost) / sum(1/cost^2) = 87.9, leaving
     * 1 - c/cost = -0.099, 0.890, 0.989, rms 0.770; O(n log n) and O(n^2) likewise. */
    CHECK_STR_EQ(text, COMPLEXITY_COLUMNS "\n"
                       "3.11.7,strings,join,bytes_per_op,bytes,3,O(n),8,0.770328887,0,"
                       "0.377964473,0.770328887\n");
    free(text);
    compare_fixture_free(&f);
}

TEST(complexity_is_a_header_alone_when_nothing_scales)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, SAMPLES_COLUMNS "\n3.12.1,f,c,,time_per_op,ns,1,1,1\n",
                                 "3.12.1") == 0);
    char *text = sandbox_capture(write_complexity, &f);
    CHECK_STR_EQ(text, COMPLEXITY_COLUMNS "\n");
    free(text);
    compare_fixture_free(&f);
}

TEST(comparison_rows_for_every_version_that_has_the_case)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, compare_fixture_csv, "3.11.7") == 0);
    char *text = sandbox_capture(write_comparison, &f);
    /* Mann–Whitney of 10, 10 against 12, 12: 2 of the 6 splits are as extreme */
    CHECK_STR_EQ(text,
        COMPARISON_COLUMNS "\n"
        "copying,deep,,allocs_per_op,allocs,3.11.7,3.12.1,,1,,,,,none,insufficient data,0,2,\n"
        "identity,is_none,,time_per_op,ns,3.11.7,3.12.1,10,12,1.2,1.2,1.2,0,exact,slower,2,2,"
        "0.333333333\n"
        "identity,is_none,,time_per_op,ns,3.11.7,3.13.0,10,8,0.8,0.8,0.8,0,exact,faster,2,2,"
        "0.333333333\n"
        "identity,is_none,,allocs_per_op,allocs,3.11.7,3.12.1,0,0,,,,,none,insufficient data,"
        "1,1,1\n"
        "strings,join,10,bytes_per_op,bytes,3.11.7,3.12.1,80,80,1,1,1,1,exact,no difference,"
        "2,2,1\n");
    free(text);
    compare_fixture_free(&f);
}

TEST(comparison_against_another_baseline_turns_the_verdicts_round)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, compare_fixture_csv, "3.12.1") == 0);
    char *text = sandbox_capture(write_comparison, &f);
    CHECK_STR_CONTAINS(text, "identity,is_none,,time_per_op,ns,3.12.1,3.11.7,12,10,0.833333333,"
                             "0.833333333,0.833333333,0,exact,faster,2,2,0.333333333\n");
    CHECK_STR_CONTAINS(text, "strings,join,100,bytes_per_op,bytes,3.12.1,3.11.7,,800,,,,,none,"
                             "insufficient data,0,2,\n");
    CHECK(strstr(text, "copying,deep") == NULL); /* only the baseline has it */
    free(text);
    compare_fixture_free(&f);
}

TEST(comparison_of_noisy_samples_gives_welch_log_figures)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, SAMPLES_COLUMNS "\n"
                                 "a,f,c,,time_per_op,ns,1,10,1\n"
                                 "a,f,c,,time_per_op,ns,2,11,1\n"
                                 "a,f,c,,time_per_op,ns,3,12,1\n"
                                 "a,f,c,,time_per_op,ns,4,10.5,1\n"
                                 "a,f,c,,time_per_op,ns,5,11.5,1\n"
                                 "b,f,c,,time_per_op,ns,1,13,1\n"
                                 "b,f,c,,time_per_op,ns,2,14.5,1\n"
                                 "b,f,c,,time_per_op,ns,3,13.5,1\n"
                                 "b,f,c,,time_per_op,ns,4,12.5,1\n"
                                 "b,f,c,,time_per_op,ns,5,14,1\n",
                                 "a") == 0);
    char *text = sandbox_capture(write_comparison, &f);
    /* as test_compare_stats's geometric-mean example; Mann–Whitney: 2 of 252 splits */
    CHECK_STR_EQ(text, COMPARISON_COLUMNS "\n"
                       "f,c,,time_per_op,ns,a,b,11,13.5,1.22813023,1.11512935,1.35258197,"
                       "0.00126991835,welch-log,slower,5,5,0.00793650794\n");
    free(text);
    compare_fixture_free(&f);
}

int main(void)
{
    RUN(measurements_summarise_the_rounds_by_version_as_the_harness_does);
    RUN(measurements_of_noisy_rounds_and_quoted_names);
    RUN(complexity_fits_each_versions_medians_over_n);
    RUN(complexity_is_a_header_alone_when_nothing_scales);
    RUN(comparison_rows_for_every_version_that_has_the_case);
    RUN(comparison_against_another_baseline_turns_the_verdicts_round);
    RUN(comparison_of_noisy_samples_gives_welch_log_figures);
    return check_summary();
}
