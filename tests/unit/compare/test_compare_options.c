/* test_compare_options.c: idiombench-compare's command line: defaults, each option, and
 * the one-line message of each mistake. */
#include "check.h"
#include "compare_options.h"

#define COUNT(array) (sizeof(array) / sizeof *(array))

static int parse(int argc, char **argv, compare_options *opts, char *err)
{
    err[0] = '\0';
    return compare_options_parse(argc, argv, opts, err, 512);
}

TEST(required_options_and_defaults)
{
    char *argv[] = {"idiombench-compare", "--samples", "s.csv", "--baseline", "3.11.7"};
    compare_options opts;
    char err[512];
    REQUIRE(parse((int)COUNT(argv), argv, &opts, err) == 0);
    CHECK_STR_EQ(opts.samples_path, "s.csv");
    CHECK_STR_EQ(opts.baseline, "3.11.7");
    CHECK(opts.measurements_path == NULL && opts.comparison_path == NULL &&
          opts.complexity_path == NULL);
    CHECK_EQ_INT(opts.table, TABLE_TIME);
    CHECK_EQ_DOUBLE(opts.confidence, 0.95);
    CHECK(!opts.help);
}

TEST(every_option_in_both_spellings)
{
    char *argv[] = {"idiombench-compare", "--samples=s.csv", "--baseline", "3.12.1#2",
                    "--measurements", "m.csv", "--comparison=c.csv", "--complexity", "x.csv",
                    "--table=all", "--confidence", "0.99"};
    compare_options opts;
    char err[512];
    REQUIRE(parse((int)COUNT(argv), argv, &opts, err) == 0);
    CHECK_STR_EQ(opts.baseline, "3.12.1#2");
    CHECK_STR_EQ(opts.measurements_path, "m.csv");
    CHECK_STR_EQ(opts.comparison_path, "c.csv");
    CHECK_STR_EQ(opts.complexity_path, "x.csv");
    CHECK_EQ_INT(opts.table, TABLE_ALL);
    CHECK_EQ_DOUBLE(opts.confidence, 0.99);
    char *none[] = {"idiombench-compare", "--table", "none", "--samples", "s", "--baseline",
                    "b"};
    REQUIRE(parse((int)COUNT(none), none, &opts, err) == 0);
    CHECK_EQ_INT(opts.table, TABLE_NONE);
}

TEST(help_wins_over_everything_else)
{
    char *argv[] = {"idiombench-compare", "--bogus", "--help"};
    compare_options opts;
    char err[512];
    REQUIRE(parse((int)COUNT(argv), argv, &opts, err) == 0);
    CHECK(opts.help);
}

/* The message for argv (which must be refused). */
static const char *refusal(int argc, char **argv)
{
    static char err[512];
    compare_options opts;
    if (parse(argc, argv, &opts, err) == 0)
        return "(accepted)";
    return err;
}

#define REFUSAL(...) refusal((int)COUNT(((char *[]){__VA_ARGS__})), (char *[]){__VA_ARGS__})

TEST(each_mistake_is_named_with_its_fix)
{
    CHECK_STR_STARTS(REFUSAL("c", "--baseline", "3.11.7"), "--samples FILE is missing");
    CHECK_STR_STARTS(REFUSAL("c", "--samples", "s.csv"), "--baseline LABEL is missing");
    CHECK_STR_EQ(REFUSAL("c", "--samples", "s", "--baseline", "b", "--frobnicate"),
                 "unknown argument '--frobnicate' (see --help)");
    CHECK_STR_EQ(REFUSAL("c", "--samples", "s", "--baseline", "b", "extra.csv"),
                 "unknown argument 'extra.csv' (see --help)");
    CHECK_STR_EQ(REFUSAL("c", "--samples", "s", "--baseline"),
                 "--baseline needs a value (see --help)");
    CHECK_STR_EQ(REFUSAL("c", "--samples=", "--baseline", "b"),
                 "--samples= needs a non-empty value (see --help)");
    CHECK_STR_EQ(REFUSAL("c", "--samples", "s", "--baseline", "b", "--table", "some"),
                 "--table 'some' is not time, all or none");
    CHECK_STR_EQ(REFUSAL("c", "--samples", "s", "--baseline", "b", "--confidence", "95"),
                 "--confidence '95' is not a fraction between 0 and 1, e.g. 0.95");
    CHECK_STR_STARTS(REFUSAL("c", "--samples", "s", "--baseline", "b", "--confidence", "1"),
                     "--confidence '1' is not");
    CHECK_STR_STARTS(REFUSAL("c", "--samples", "s", "--baseline", "b", "--confidence", "-0.5"),
                     "--confidence '-0.5' is not");
    CHECK_STR_STARTS(REFUSAL("c", "--samples", "s", "--baseline", "b", "--confidence", "0.9x"),
                     "--confidence '0.9x' is not");
    CHECK_STR_EQ(REFUSAL("c", "--samples", "s", "--baseline", "b", "--measurements", "o.csv",
                         "--complexity", "o.csv"),
                 "--measurements and --complexity both name 'o.csv'; give each output a file "
                 "of its own");
}

int main(void)
{
    RUN(required_options_and_defaults);
    RUN(every_option_in_both_spellings);
    RUN(help_wins_over_everything_else);
    RUN(each_mistake_is_named_with_its_fix);
    return check_summary();
}
