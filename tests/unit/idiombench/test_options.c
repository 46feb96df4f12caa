/* test_options.c: options.c turns argv into a validated struct, or one line naming the
 * bad argument. */
#include "check.h"
#include "options.h"
#include "sandbox.h"

/* Parses the NULL-terminated argument list (after the program name). */
static int parse_list(options *out, char *err, size_t err_size, char **args)
{
    char *argv[32] = {"idiombench"};
    int argc = 1;
    for (; args[argc - 1] != NULL && argc < 31; argc++)
        argv[argc] = args[argc - 1];
    argv[argc] = NULL;
    err[0] = '\0';
    return options_parse(argc, argv, out, err, err_size);
}

#define PARSE(out, err, ...) \
    parse_list((out), (err), sizeof(err), (char *[]){__VA_ARGS__, NULL})

TEST(defaults)
{
    options o;
    char err[256] = "";
    char *argv[] = {"idiombench", NULL};
    REQUIRE(options_parse(1, argv, &o, err, sizeof err) == 0);
    CHECK(!o.list);
    CHECK(!o.quick);
    CHECK(!o.startup);
    CHECK(!o.no_observations);
    CHECK(o.filter == NULL);
    CHECK(o.out_dir == NULL);
    CHECK(o.catalogue == NULL);
    CHECK_EQ_INT(o.repetitions, 10);
    CHECK_EQ_INT(o.target_ns, 10000000);
    CHECK_EQ_INT(o.pairs, 5);
    CHECK_EQ_DOUBLE(o.ci_target, 0.02);
    CHECK_EQ_DOUBLE(o.case_budget_s, 3.0);
}

TEST(quick_takes_fewer_shorter_samples)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--quick") == 0);
    CHECK(o.quick);
    CHECK_EQ_INT(o.repetitions, 6);
    CHECK_EQ_INT(o.target_ns, 2000000);
    CHECK_EQ_INT(o.pairs, 3);
    CHECK_EQ_DOUBLE(o.ci_target, 0.02);
    CHECK_EQ_DOUBLE(o.case_budget_s, 0.1);
}

/* Each of the NULL-terminated values is rejected with a line naming the option. */
static void check_rejected(const char *option, const char *const *values)
{
    options o;
    char err[256];
    for (size_t i = 0; values[i] != NULL; i++) {
        CHECK(PARSE(&o, err, (char *)option, (char *)values[i]) == -1);
        CHECK_STR_CONTAINS(err, option);
    }
}

TEST(ci_target_is_a_percentage_and_0_turns_adaptive_sampling_off)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--ci-target", "5") == 0);
    CHECK_EQ_DOUBLE(o.ci_target, 0.05);
    REQUIRE(PARSE(&o, err, "--ci-target=0.5", "--quick") == 0);
    CHECK_EQ_DOUBLE(o.ci_target, 0.005);
    REQUIRE(PARSE(&o, err, "--ci-target", "0") == 0);
    CHECK(o.ci_target == 0.0);
    REQUIRE(PARSE(&o, err, "--ci-target", "100") == 0);
    CHECK_EQ_DOUBLE(o.ci_target, 1.0);
    const char *bad[] = {"-1", "100.5", "abc", "inf", "nan", "0x1", " 2", "2%", "1e", NULL};
    check_rejected("--ci-target", bad);
}

TEST(case_budget_in_seconds_overrides_the_mode_and_lengthens_the_timeout)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--quick", "--case-budget", "20") == 0);
    CHECK_EQ_DOUBLE(o.case_budget_s, 20.0);
    /* (6 samples × 3 pairs × 2 loops × 2 ms + 20 s) × 10 = 200.72 s, rounded up */
    CHECK_EQ_INT(o.case_timeout_s, 201);
    REQUIRE(PARSE(&o, err, "--quick", "--case-budget", "20", "--ci-target", "0") == 0);
    CHECK_EQ_INT(o.case_timeout_s, 120); /* no adaptive sampling: the budget is unused */
    const char *bad[] = {"0", "0.001", "3601", "-1", "abc", "inf", "", NULL};
    check_rejected("--case-budget", bad);
}

TEST(explicit_repetitions_win_over_quick_in_either_order)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--quick", "--repetitions", "7") == 0);
    CHECK_EQ_INT(o.repetitions, 7);
    CHECK_EQ_INT(o.target_ns, 2000000);
    REQUIRE(PARSE(&o, err, "--repetitions=8", "--quick") == 0);
    CHECK_EQ_INT(o.repetitions, 8);
    CHECK_EQ_INT(o.pairs, 3);
}

TEST(loop_ms_and_pairs_override_the_mode)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--quick", "--loop-ms", "0.5", "--pairs=21") == 0);
    CHECK_EQ_INT(o.target_ns, 500000);
    CHECK_EQ_INT(o.pairs, 21);
    CHECK_EQ_INT(o.repetitions, 6);
}

TEST(bad_loop_ms_and_pairs_are_rejected_naming_the_option)
{
    options o;
    char err[256];
    CHECK(PARSE(&o, err, "--loop-ms", "0.01") == -1);
    CHECK_STR_CONTAINS(err, "--loop-ms");
    CHECK(PARSE(&o, err, "--loop-ms", "ten") == -1);
    CHECK_STR_CONTAINS(err, "--loop-ms");
    CHECK(PARSE(&o, err, "--pairs", "0") == -1);
    CHECK_STR_CONTAINS(err, "--pairs");
    CHECK(PARSE(&o, err, "--pairs", "65") == -1);
    CHECK_STR_CONTAINS(err, "--pairs");
}

TEST(filter_as_two_arguments_or_with_equals)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--filter", "identity/is_") == 0);
    CHECK_STR_EQ(o.filter, "identity/is_");
    REQUIRE(PARSE(&o, err, "--filter=none|true") == 0);
    CHECK_STR_EQ(o.filter, "none|true");
    REQUIRE(PARSE(&o, err, "--filter", "a", "--filter", "b") == 0);
    CHECK_STR_EQ(o.filter, "b");
    REQUIRE(PARSE(&o, err, "--filter==x") == 0); /* the value is everything after '=' */
    CHECK_STR_EQ(o.filter, "=x");
}

TEST(out_and_catalogue_take_paths)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--out", "/tmp/r", "--catalogue=bench/identity.py") == 0);
    CHECK_STR_EQ(o.out_dir, "/tmp/r");
    CHECK_STR_EQ(o.catalogue, "bench/identity.py");
    REQUIRE(PARSE(&o, err, "--out=x", "--catalogue", "y") == 0);
    CHECK_STR_EQ(o.out_dir, "x");
    CHECK_STR_EQ(o.catalogue, "y");
}

TEST(repetitions_within_bounds_are_accepted)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--repetitions", "1") == 0);
    CHECK_EQ_INT(o.repetitions, 1);
    REQUIRE(PARSE(&o, err, "--quick", "--repetitions=1") == 0);
    CHECK_EQ_INT(o.repetitions, 1);
    CHECK_EQ_INT(o.pairs, 3);
    REQUIRE(PARSE(&o, err, "--repetitions", "2") == 0);
    CHECK_EQ_INT(o.repetitions, 2);
    REQUIRE(PARSE(&o, err, "--repetitions", "1000") == 0);
    CHECK_EQ_INT(o.repetitions, 1000);
    REQUIRE(PARSE(&o, err, "--repetitions=20") == 0);
    CHECK_EQ_INT(o.repetitions, 20);
}

TEST(bad_repetitions_are_rejected_naming_the_option)
{
    const char *bad[] = {"0", "1001", "abc", "5x", "-3", "", "+1", " 1",
                         "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        options o;
        char err[256];
        CHECK_EQ_INT(PARSE(&o, err, "--repetitions", (char *)bad[i]), -1);
        CHECK_STR_CONTAINS(err, "--repetitions");
        CHECK_STR_CONTAINS(err, "from 1 to 1000");
        char quoted[64];
        snprintf(quoted, sizeof quoted, "'%s'", bad[i]);
        CHECK_STR_CONTAINS(err, quoted);
    }
    options o;
    char err[256];
    CHECK_EQ_INT(PARSE(&o, err, "--repetitions=0"), -1);
    CHECK_STR_CONTAINS(err, "--repetitions '0'");
}

TEST(startup_and_no_observations_are_flags)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--startup") == 0);
    CHECK(o.startup);
    CHECK(!o.no_observations && !o.list && !o.quick);
    REQUIRE(PARSE(&o, err, "--no-observations", "--quick") == 0);
    CHECK(o.no_observations);
    CHECK(!o.startup);
    CHECK(o.quick);
    CHECK_EQ_INT(PARSE(&o, err, "--startup=yes"), -1);
    CHECK_STR_EQ(err, "unknown argument '--startup=yes' (see --help)");
    CHECK_EQ_INT(PARSE(&o, err, "--no-observation"), -1);
    CHECK_STR_CONTAINS(err, "'--no-observation'");
}

TEST(startup_refuses_google_benchmark_flags)
{
    /* Without --startup these were taken out by Google Benchmark first; with it they
     * reach options_parse, in either order. */
    options o;
    char err[256];
    CHECK_EQ_INT(PARSE(&o, err, "--startup", "--benchmark_filter=x"), -1);
    CHECK_STR_EQ(err, "--startup runs no benchmark: leave out '--benchmark_filter=x'");
    CHECK_EQ_INT(PARSE(&o, err, "--benchmark_repetitions=3", "--startup"), -1);
    CHECK_STR_CONTAINS(err, "--startup runs no benchmark");
}

TEST(missing_value_is_rejected)
{
    options o;
    char err[256];
    CHECK_EQ_INT(PARSE(&o, err, "--filter"), -1);
    CHECK_STR_EQ(err, "--filter needs a value (see --help)");
    CHECK_EQ_INT(PARSE(&o, err, "--quick", "--repetitions"), -1);
    CHECK_STR_CONTAINS(err, "--repetitions needs a value");
    CHECK_EQ_INT(PARSE(&o, err, "--out"), -1);
    CHECK_STR_CONTAINS(err, "--out needs a value");
    CHECK_EQ_INT(PARSE(&o, err, "--catalogue"), -1);
    CHECK_STR_CONTAINS(err, "--catalogue needs a value");
}

TEST(empty_value_is_rejected)
{
    options o;
    char err[256];
    CHECK_EQ_INT(PARSE(&o, err, "--filter", ""), -1);
    CHECK_STR_CONTAINS(err, "--filter");
    CHECK_STR_CONTAINS(err, "non-empty");
    CHECK_EQ_INT(PARSE(&o, err, "--out="), -1);
    CHECK_STR_CONTAINS(err, "--out");
    CHECK_STR_CONTAINS(err, "non-empty");
    CHECK_EQ_INT(PARSE(&o, err, "--catalogue", ""), -1);
    CHECK_STR_CONTAINS(err, "--catalogue");
    CHECK_STR_CONTAINS(err, "non-empty");
}

TEST(unknown_argument_is_named)
{
    options o;
    char err[256];
    CHECK_EQ_INT(PARSE(&o, err, "--quick", "--frobnicate"), -1);
    CHECK_STR_EQ(err, "unknown argument '--frobnicate' (see --help)");
    CHECK_EQ_INT(PARSE(&o, err, "stray"), -1);
    CHECK_STR_CONTAINS(err, "'stray'");
    CHECK_EQ_INT(PARSE(&o, err, "--filterx"), -1); /* a longer name is not --filter */
    CHECK_STR_CONTAINS(err, "'--filterx'");
    CHECK_EQ_INT(PARSE(&o, err, "--benchmark_nonsense=1"), -1);
    CHECK_STR_CONTAINS(err, "'--benchmark_nonsense=1'");
}

TEST(list_flag)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--list", "--filter", "none") == 0);
    CHECK(o.list);
    CHECK_STR_EQ(o.filter, "none");
}

TEST(parse_starts_from_a_clean_struct)
{
    options o;
    char err[256];
    REQUIRE(PARSE(&o, err, "--quick", "--list", "--filter", "x", "--out", "y", "--startup",
                  "--no-observations") == 0);
    char *argv[] = {"idiombench", NULL};
    REQUIRE(options_parse(1, argv, &o, err, sizeof err) == 0);
    CHECK(!o.quick && !o.list && o.filter == NULL && o.out_dir == NULL);
    CHECK(!o.startup && !o.no_observations);
    CHECK_EQ_INT(o.repetitions, 10);
}

static void print_help(FILE *out, const void *unused)
{
    (void)unused;
    options_print_help(out);
}

TEST(help_text_names_every_option_and_exit_status)
{
    char *text = sandbox_capture(print_help, NULL);
    REQUIRE(text != NULL);
    CHECK(strncmp(text, "usage: idiombench", 17) == 0);
    const char *names[] = {"--help",          "--list",      "--filter",
                           "--repetitions",   "--quick",     "--out",
                           "--catalogue",     "--startup",   "--no-observations",
                           "1..1000",         "unavailable.csv", "--benchmark_",
                           "exit status"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        CHECK_STR_CONTAINS(text, names[i]);
    free(text);
}

int main(void)
{
    RUN(defaults);
    RUN(quick_takes_fewer_shorter_samples);
    RUN(ci_target_is_a_percentage_and_0_turns_adaptive_sampling_off);
    RUN(case_budget_in_seconds_overrides_the_mode_and_lengthens_the_timeout);
    RUN(explicit_repetitions_win_over_quick_in_either_order);
    RUN(loop_ms_and_pairs_override_the_mode);
    RUN(bad_loop_ms_and_pairs_are_rejected_naming_the_option);
    RUN(filter_as_two_arguments_or_with_equals);
    RUN(out_and_catalogue_take_paths);
    RUN(repetitions_within_bounds_are_accepted);
    RUN(bad_repetitions_are_rejected_naming_the_option);
    RUN(startup_and_no_observations_are_flags);
    RUN(startup_refuses_google_benchmark_flags);
    RUN(missing_value_is_rejected);
    RUN(empty_value_is_rejected);
    RUN(unknown_argument_is_named);
    RUN(list_flag);
    RUN(parse_starts_from_a_clean_struct);
    RUN(help_text_names_every_option_and_exit_status);
    return check_summary();
}
