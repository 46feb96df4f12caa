/* test_observe.c: OBSERVATIONS in a catalogue file are read, run, and written. */
#include "catalogue.h"
#include "embed.h"
#include "observe.h"
#include "results.h"
#include "results_csv.h"
#include "sandbox.h"

static catalogue cat;

static const observation_def *find(const char *name)
{
    for (size_t i = 0; i < cat.observation_count; i++)
        if (strcmp(cat.observations[i].name, name) == 0)
            return &cat.observations[i];
    return NULL;
}

TEST(observations_are_read_with_their_family)
{
    CHECK_EQ_INT(cat.count, 1);
    CHECK_EQ_INT(cat.observation_count, 4);
    REQUIRE(find("list_keeps_id") != NULL);
    CHECK_STR_EQ(find("list_keeps_id")->family, "observing");
}

TEST(a_result_is_recorded_as_its_repr)
{
    char *value, *error;
    REQUIRE(observe_run(find("list_keeps_id"), &value, &error) == 0);
    CHECK_STR_EQ(value, "True");
    CHECK(error == NULL);
    free(value);
}

TEST(an_exception_is_recorded_as_the_observation)
{
    char *value, *error;
    REQUIRE(observe_run(find("weakref_to_list"), &value, &error) == 0);
    CHECK(value == NULL);
    CHECK_STR_STARTS(error, "TypeError: cannot create weak reference to 'list' object");
    CHECK(!PyErr_Occurred());
    free(error);
}

TEST(code_without_result_is_an_error)
{
    char *value, *error;
    REQUIRE(observe_run(find("no_result"), &value, &error) == 0);
    CHECK(value == NULL);
    CHECK_STR_CONTAINS(error, "set no `result`");
    free(error);
}

TEST(observations_csv_quotes_values)
{
    results r;
    REQUIRE(results_init(&r, "3.11.7") == 0);
    char *value, *error;
    REQUIRE(observe_run(find("text"), &value, &error) == 0);
    REQUIRE(results_add_observation(&r, "observing", "text", value, error) == 0);
    REQUIRE(results_add_observation(&r, "observing", "bad", NULL, "TypeError: x") == 0);
    free(value);
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "observations.csv");
    REQUIRE(results_csv_write_observations(&r, path) == 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, "python_version,family,observation,value,error\n"
                       "3.11.7,observing,text,\"'a\\nb, \"\"c\"\"'\",\n"
                       "3.11.7,observing,bad,,TypeError: x\n");
    free(text);
    sandbox_remove(dir);
    results_free(&r);
}

TEST(bad_observations_are_refused_naming_the_fault)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX], err[512];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "fam.py");
    catalogue other;
    REQUIRE(sandbox_write(path, "CASES = []\nOBSERVATIONS = [dict(name='x')]\n") == 0);
    CHECK(catalogue_load(path, &other, err, sizeof err) == -1);
    CHECK_STR_CONTAINS(err, "exactly 'name' and 'code'");
    REQUIRE(sandbox_write(path, "CASES = []\nOBSERVATIONS = [dict(name='x', code='result=1'),"
                                " dict(name='x', code='result=2')]\n") == 0);
    CHECK(catalogue_load(path, &other, err, sizeof err) == -1);
    CHECK_STR_CONTAINS(err, "declared twice");
    sandbox_remove(dir);
}

int main(void)
{
    embed_start();
    char err[1024];
    if (catalogue_load(FIXTURES_DIR "/observing.py", &cat, err, sizeof err) != 0) {
        printf("FAIL loading the fixture: %s\n0 passed, 1 failed\n", err);
        return 1;
    }
    RUN(observations_are_read_with_their_family);
    RUN(a_result_is_recorded_as_its_repr);
    RUN(an_exception_is_recorded_as_the_observation);
    RUN(code_without_result_is_an_error);
    RUN(observations_csv_quotes_values);
    RUN(bad_observations_are_refused_naming_the_fault);
    catalogue_free(&cat);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
