/* test_select.c: select.c picks the cases whose "family/case" matches --filter. */
#include "check.h"
#include "select.h"

#define CASE(family, name) {(char *)(family), (char *)(name), "", "pass", NULL, 0, \
                            INSTRUMENT_TIME, false, false, "test", "", 0, 0, NULL}

static case_def cases[] = {
    CASE("identity", "is_none"),
    CASE("identity", "eq_none"),
    CASE("identity", "is_true"),
    CASE("sizes", "list_append"),
};
static const catalogue cat = {cases, sizeof cases / sizeof *cases, NULL, 0};

/* Runs select_cases with chosen[] first set to the opposite of what is expected, and
 * checks each entry; expected is a string of '1' and '0', one per case. */
static void check_selection(const char *pattern, const char *expected)
{
    bool chosen[4];
    for (size_t i = 0; i < 4; i++)
        chosen[i] = expected[i] != '1';
    size_t count = 99;
    char err[256] = "";
    if (!CHECK_EQ_INT(select_cases(&cat, pattern, chosen, &count, err, sizeof err), 0))
        printf("    pattern %s: %s\n", pattern ? pattern : "NULL", err);
    size_t want = 0;
    for (size_t i = 0; i < 4; i++) {
        want += expected[i] == '1';
        if (chosen[i] != (expected[i] == '1'))
            check_fail(__FILE__, __LINE__, "pattern %s: case %s/%s chosen is %d",
                       pattern ? pattern : "NULL", cases[i].family, cases[i].name,
                       chosen[i]);
    }
    CHECK_EQ_INT(count, want);
}

TEST(no_pattern_selects_every_case)
{
    check_selection(NULL, "1111");
}

TEST(pattern_selects_the_matching_subset)
{
    check_selection("identity/is_", "1010");
    check_selection("^sizes/", "0001");
    check_selection("none$", "1100");
    check_selection("y/is", "1010"); /* matched against "family/case" as one string */
    check_selection("is_|append", "1011"); /* extended: alternation without escapes */
    check_selection("(eq|is)_(none)", "1100");
    check_selection("^identity/is_true$", "0010");
}

TEST(invalid_regex_is_a_bad_filter)
{
    bool chosen[4];
    size_t count;
    char err[512] = "";
    CHECK_EQ_INT(select_cases(&cat, "(unclosed", chosen, &count, err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "bad --filter '(unclosed'");
    CHECK_STR_CONTAINS(err, "POSIX extended");
    CHECK_EQ_INT(select_cases(&cat, "a{2,1}", chosen, &count, err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "bad --filter");
}

TEST(pattern_matching_nothing_is_an_error)
{
    bool chosen[4];
    size_t count = 99;
    char err[512] = "";
    CHECK_EQ_INT(select_cases(&cat, "nomatch", chosen, &count, err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "--filter 'nomatch' matches no case");
    CHECK_EQ_INT(count, 0);
    CHECK_EQ_INT(select_cases(&cat, "IDENTITY", chosen, &count, err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "matches no case"); /* case-sensitive */
}

int main(void)
{
    RUN(no_pattern_selects_every_case);
    RUN(pattern_selects_the_matching_subset);
    RUN(invalid_regex_is_a_bad_filter);
    RUN(pattern_matching_nothing_is_an_error);
    return check_summary();
}
