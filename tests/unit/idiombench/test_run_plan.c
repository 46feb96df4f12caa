/* test_run_plan.c: run_plan.c turns the chosen cases into the run's units: one per size
 * (one for a case that does not scale or needs a newer Python), the observations of the
 * families measured, and --instruments applied to every case. */
#include "run_plan.h"
#include "check.h"
#include "embed.h"

#include <string.h>

static long three_sizes[] = {10, 100, 1000};

static case_def a_case(const char *family, const char *name, long *sizes, size_t size_count,
                       unsigned instruments)
{
    case_def c;
    memset(&c, 0, sizeof c);
    c.family = (char *)family;
    c.name = (char *)name;
    c.sizes = sizes;
    c.size_count = size_count;
    c.instruments = instruments;
    return c;
}

/* scales (3 sizes, time+allocs), flat (no sizes, time), future (3 sizes, needs
 * Python 99.0), other/solo (allocs); an observation of "fam" and one of "absent". */
typedef struct fixture {
    case_def cases[4];
    observation_def observations[2];
    catalogue cat;
} fixture;

static void fixture_init(fixture *f)
{
    f->cases[0] = a_case("fam", "scales", three_sizes, 3, INSTRUMENT_TIME | INSTRUMENT_ALLOCS);
    f->cases[1] = a_case("fam", "flat", NULL, 0, INSTRUMENT_TIME);
    f->cases[2] = a_case("fam", "future", three_sizes, 3, INSTRUMENT_TIME);
    f->cases[2].min_python_major = 99;
    f->cases[2].min_python_needs = "a far future";
    f->cases[3] = a_case("other", "solo", NULL, 0, INSTRUMENT_ALLOCS);
    observation_def fam = {"fam", "seen", "result = 1", "f.py"};
    observation_def absent = {"absent", "unseen", "result = 2", "f.py"};
    f->observations[0] = fam;
    f->observations[1] = absent;
    catalogue cat = {f->cases, 4, f->observations, 2};
    f->cat = cat;
}

TEST(a_case_is_one_unit_per_size_or_one_when_it_does_not_scale_or_run)
{
    fixture f;
    fixture_init(&f);
    CHECK_EQ_INT(run_plan_units_of(&f.cases[0]), 3);
    CHECK_EQ_INT(run_plan_units_of(&f.cases[1]), 1);
    CHECK_EQ_INT(run_plan_units_of(&f.cases[2]), 1); /* needs a newer Python */
}

TEST(the_units_are_the_chosen_cases_sizes_in_catalogue_order)
{
    fixture f;
    fixture_init(&f);
    bool chosen[] = {true, true, true, false};
    size_t count = run_plan_count_units(&f.cat, chosen);
    REQUIRE(count == 5);
    isolate_unit *units = run_plan_list_units(&f.cat, chosen, count);
    REQUIRE(units != NULL);
    const char *names[] = {"scales", "scales", "scales", "flat", "future"};
    long sizes[] = {10, 100, 1000, -1, -1};
    for (size_t i = 0; i < count; i++) {
        CHECK_STR_EQ(units[i].c->name, names[i]);
        CHECK_EQ_INT(units[i].n, sizes[i]);
        CHECK(units[i].o == NULL);
    }
    free(units);
}

TEST(no_case_chosen_is_no_unit)
{
    fixture f;
    fixture_init(&f);
    bool chosen[] = {false, false, false, false};
    CHECK_EQ_INT(run_plan_count_units(&f.cat, chosen), 0);
    isolate_unit *units = run_plan_list_units(&f.cat, chosen, 0);
    CHECK(units != NULL);
    free(units);
}

TEST(only_the_observations_of_a_family_measured_are_run)
{
    fixture f;
    fixture_init(&f);
    bool chosen[] = {false, true, false, false};
    size_t count = 99;
    isolate_unit *units = run_plan_list_observations(&f.cat, chosen, &count);
    REQUIRE(units != NULL);
    REQUIRE(count == 1);
    CHECK(units[0].c == NULL);
    CHECK_STR_EQ(units[0].o->name, "seen");
    free(units);
    bool other_only[] = {false, false, false, true};
    units = run_plan_list_observations(&f.cat, other_only, &count);
    CHECK_EQ_INT(count, 0);
    free(units);
}

#define ERR_SIZE 256

/* The fixture with every case chosen, then list applied (--instruments); the status of
 * run_plan_restrict_instruments. */
static int restrict_every_case(fixture *f, const char *list, bool chosen[4], char *err)
{
    fixture_init(f);
    for (size_t i = 0; i < 4; i++)
        chosen[i] = true;
    err[0] = '\0';
    return run_plan_restrict_instruments(&f->cat, list, chosen, err, ERR_SIZE);
}

TEST(instruments_keep_only_those_listed_and_a_case_left_with_none_is_not_run)
{
    fixture f;
    bool chosen[4];
    char err[ERR_SIZE];
    REQUIRE(restrict_every_case(&f, "allocs", chosen, err) == 0);
    CHECK_EQ_INT(f.cases[0].instruments, INSTRUMENT_ALLOCS);
    CHECK(chosen[0]);
    CHECK(!chosen[1]); /* time only */
    CHECK(!chosen[2]);
    CHECK(chosen[3]);
}

TEST(instructions_listed_are_given_to_every_case)
{
    fixture f;
    bool chosen[4];
    char err[ERR_SIZE];
    REQUIRE(restrict_every_case(&f, "time,instructions", chosen, err) == 0);
    CHECK_EQ_INT(f.cases[1].instruments, INSTRUMENT_TIME | INSTRUMENT_INSTRUCTIONS);
    CHECK_EQ_INT(f.cases[3].instruments, INSTRUMENT_INSTRUCTIONS);
    CHECK(chosen[3]);
}

TEST(no_instruments_list_changes_nothing_and_a_bad_one_says_why)
{
    fixture f;
    bool chosen[4];
    char err[ERR_SIZE];
    REQUIRE(restrict_every_case(&f, NULL, chosen, err) == 0);
    CHECK_EQ_INT(f.cases[0].instruments, INSTRUMENT_TIME | INSTRUMENT_ALLOCS);
    CHECK(chosen[1]);
    CHECK_EQ_INT(restrict_every_case(&f, "time,speed", chosen, err), -1);
    CHECK_STR_CONTAINS(err, "'speed' is not an instrument");
}

int main(void)
{
    embed_start();
    RUN(a_case_is_one_unit_per_size_or_one_when_it_does_not_scale_or_run);
    RUN(the_units_are_the_chosen_cases_sizes_in_catalogue_order);
    RUN(no_case_chosen_is_no_unit);
    RUN(only_the_observations_of_a_family_measured_are_run);
    RUN(instruments_keep_only_those_listed_and_a_case_left_with_none_is_not_run);
    RUN(instructions_listed_are_given_to_every_case);
    RUN(no_instruments_list_changes_nothing_and_a_bad_one_says_why);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
