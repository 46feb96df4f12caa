/* test_run_dir.c: run_dir.c makes, names and links the folders a run writes into. */
#include "check.h"
#include "run_dir.h"
#include "sandbox.h"

#include <sys/stat.h>
#include <time.h>

TEST(prepare_creates_nested_folders_and_leaves_them_empty)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "a/b/c");
    char err[512] = "";
    CHECK_EQ_INT(run_dir_prepare(path, err, sizeof err), 0);
    CHECK_STR_EQ(err, "");
    CHECK(sandbox_is_dir(path));
    CHECK_EQ_INT(sandbox_count_names(path, ""), 0); /* the write test is cleaned up */
    CHECK_EQ_INT(run_dir_prepare(path, err, sizeof err), 0); /* again: it exists */
    sandbox_path(path, dir, "trailing/slash/");
    CHECK_EQ_INT(run_dir_prepare(path, err, sizeof err), 0);
    CHECK(sandbox_is_dir(path));
    sandbox_remove(dir);
}

TEST(prepare_below_a_regular_file_fails)
{
    char dir[SANDBOX_PATH_MAX], file[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    REQUIRE(sandbox_write(sandbox_path(file, dir, "plain"), "x") == 0);
    sandbox_path(path, dir, "plain/sub/deeper");
    char err[512] = "";
    CHECK_EQ_INT(run_dir_prepare(path, err, sizeof err), -1);
    char expected[SANDBOX_PATH_MAX + 64];
    snprintf(expected, sizeof expected, "cannot write results to '%s': Not a directory", path);
    CHECK_STR_CONTAINS(err, expected);
    CHECK_STR_CONTAINS(err, "--out DIR");
    CHECK_EQ_INT(run_dir_prepare(file, err, sizeof err), -1); /* the file itself */
    CHECK_STR_CONTAINS(err, "cannot write results to");
    sandbox_remove(dir);
}

/* Creates two run folders within one second of the clock (retrying when the second
 * changes between them); their paths go to first and second, the stamp to stamp. */
static int create_two_in_one_second(const char *root, char *first, char *second,
                                    char stamp[32])
{
    char err[512];
    for (int attempt = 0; attempt < 5; attempt++) {
        time_t before = time(NULL);
        if (run_dir_create_new(root, "3.11.7", first, SANDBOX_PATH_MAX, err, sizeof err) != 0 ||
            run_dir_create_new(root, "3.11.7", second, SANDBOX_PATH_MAX, err, sizeof err) != 0) {
            printf("    %s\n", err);
            return -1;
        }
        if (time(NULL) == before) {
            strftime(stamp, 32, "%Y%m%d-%H%M%S", gmtime(&before));
            return 0;
        }
        char partial[SANDBOX_PATH_MAX + 16];
        snprintf(partial, sizeof partial, "%s.partial", first);
        rmdir(partial);
        snprintf(partial, sizeof partial, "%s.partial", second);
        rmdir(partial);
    }
    return -1;
}

TEST(create_new_names_folders_by_utc_time_and_version_and_makes_them_unique)
{
    char dir[SANDBOX_PATH_MAX], root[SANDBOX_PATH_MAX];
    char first[SANDBOX_PATH_MAX], second[SANDBOX_PATH_MAX], stamp[32];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(root, dir, "results"); /* missing: created */
    REQUIRE(create_two_in_one_second(root, first, second, stamp) == 0);
    char expected[SANDBOX_PATH_MAX + 64];
    snprintf(expected, sizeof expected, "%s/%s-py3.11.7", root, stamp);
    CHECK_STR_EQ(first, expected);
    snprintf(expected, sizeof expected, "%s/%s-py3.11.7-2", root, stamp);
    CHECK_STR_EQ(second, expected);
    char partial[SANDBOX_PATH_MAX + 16];
    CHECK(!sandbox_is_dir(first)); /* a run's folder has its name once complete */
    snprintf(partial, sizeof partial, "%s.partial", first);
    CHECK(sandbox_is_dir(partial));
    snprintf(partial, sizeof partial, "%s.partial", second);
    CHECK(sandbox_is_dir(partial));
    CHECK_EQ_INT(sandbox_count_names(root, ""), 2); /* no write test left behind */
    sandbox_remove(dir);
}

TEST(create_new_in_an_unwritable_place_fails)
{
    char dir[SANDBOX_PATH_MAX], file[SANDBOX_PATH_MAX], root[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    REQUIRE(sandbox_write(sandbox_path(file, dir, "plain"), "x") == 0);
    sandbox_path(root, dir, "plain/results");
    char out[SANDBOX_PATH_MAX] = "", err[512] = "";
    CHECK_EQ_INT(run_dir_create_new(root, "3.11.7", out, sizeof out, err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "cannot write results to");
    sandbox_remove(dir);
}

TEST(create_new_refuses_a_name_that_does_not_fit)
{
    char dir[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    char out[16] = "", err[512] = "";
    CHECK_EQ_INT(run_dir_create_new(dir, "3.11.7", out, sizeof out, err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "cannot create a run folder in");
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 0);
    sandbox_remove(dir);
}

TEST(link_latest_points_at_the_run_folder_by_relative_name)
{
    char dir[SANDBOX_PATH_MAX], run1[SANDBOX_PATH_MAX], run2[SANDBOX_PATH_MAX];
    char latest[SANDBOX_PATH_MAX], target[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    REQUIRE(mkdir(sandbox_path(run1, dir, "20240101-120000-py3.11.7"), 0755) == 0);
    REQUIRE(mkdir(sandbox_path(run2, dir, "20240101-120000-py3.11.7-2"), 0755) == 0);
    sandbox_path(latest, dir, "latest");

    CHECK_EQ_INT(run_dir_link_latest(dir, run1), 0);
    ssize_t length = readlink(latest, target, sizeof target - 1);
    REQUIRE(length > 0);
    target[length] = '\0';
    CHECK_STR_EQ(target, "20240101-120000-py3.11.7");

    CHECK_EQ_INT(run_dir_link_latest(dir, run2), 0); /* moves to the newer run */
    length = readlink(latest, target, sizeof target - 1);
    REQUIRE(length > 0);
    target[length] = '\0';
    CHECK_STR_EQ(target, "20240101-120000-py3.11.7-2");
    CHECK(sandbox_is_dir(latest)); /* resolves, relative to results_root */
    CHECK_EQ_INT(sandbox_count_names(dir, ".latest.tmp"), 0);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 3);
    sandbox_remove(dir);
}

TEST(start_refuses_a_folder_with_files_and_a_partial_left_behind)
{
    char dir[SANDBOX_PATH_MAX], run[SANDBOX_PATH_MAX], file[SANDBOX_PATH_MAX];
    char err[1024] = "";
    REQUIRE(sandbox_create(dir) == 0);
    REQUIRE(mkdir(sandbox_path(run, dir, "run"), 0755) == 0);
    REQUIRE(sandbox_write(sandbox_path(file, dir, "run/measurements.csv"), "x") == 0);
    CHECK_EQ_INT(run_dir_start(run, err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "already exists and is not an empty folder");
    CHECK_EQ_INT(sandbox_count_names(dir, ".partial"), 0);
    REQUIRE(mkdir(sandbox_path(run, dir, "again.partial"), 0755) == 0);
    CHECK_EQ_INT(run_dir_start(sandbox_path(run, dir, "again"), err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "left by an interrupted run");
    sandbox_remove(dir);
}

TEST(start_makes_the_partial_and_finish_renames_it_over_an_empty_folder)
{
    char dir[SANDBOX_PATH_MAX], run[SANDBOX_PATH_MAX], partial[SANDBOX_PATH_MAX];
    char err[1024] = "";
    REQUIRE(sandbox_create(dir) == 0);
    REQUIRE(mkdir(sandbox_path(run, dir, "empty"), 0755) == 0);
    CHECK_EQ_INT(run_dir_start(run, err, sizeof err), 0);
    CHECK(sandbox_is_dir(sandbox_path(partial, dir, "empty.partial")));
    REQUIRE(sandbox_write(sandbox_path(partial, dir, "empty.partial/meta"), "x") == 0);
    CHECK_EQ_INT(run_dir_finish(run), 0);
    CHECK_EQ_INT(sandbox_count_names(run, "meta"), 1);
    CHECK_EQ_INT(sandbox_count_names(dir, ".partial"), 0);
    CHECK_EQ_INT(run_dir_start(sandbox_path(run, dir, "new/deeper/run"), err, sizeof err), 0);
    CHECK(sandbox_is_dir(sandbox_path(partial, dir, "new/deeper/run.partial")));
    CHECK(!sandbox_is_dir(run));
    sandbox_remove(dir);
}

TEST(join_fits_or_fails)
{
    char out[16];
    CHECK_EQ_INT(run_dir_join(out, sizeof out, "results", "meta"), 0);
    CHECK_STR_EQ(out, "results/meta");
    CHECK_EQ_INT(run_dir_join(out, sizeof out, "results", "12345678"), -1); /* 16 + NUL */
    CHECK_EQ_INT(run_dir_join(out, sizeof out, "results", "1234567"), 0);  /* 15 + NUL */
    CHECK_STR_EQ(out, "results/1234567");
}

int main(void)
{
    RUN(prepare_creates_nested_folders_and_leaves_them_empty);
    RUN(prepare_below_a_regular_file_fails);
    RUN(create_new_names_folders_by_utc_time_and_version_and_makes_them_unique);
    RUN(create_new_in_an_unwritable_place_fails);
    RUN(create_new_refuses_a_name_that_does_not_fit);
    RUN(link_latest_points_at_the_run_folder_by_relative_name);
    RUN(start_refuses_a_folder_with_files_and_a_partial_left_behind);
    RUN(start_makes_the_partial_and_finish_renames_it_over_an_empty_folder);
    RUN(join_fits_or_fails);
    return check_summary();
}
