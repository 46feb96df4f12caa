/* test_results_meta.c: the meta file, "key: value" lines, byte for byte. */
#include "check.h"
#include "results_meta.h"
#include "sandbox.h"

#include <errno.h>

TEST(meta_golden_output)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    meta_list meta = {0};
    REQUIRE(results_meta_add(&meta, "python", "3.11.7") == 0);
    REQUIRE(results_meta_add(&meta, "command", "idiombench --quick --filter identity/is_") == 0);
    REQUIRE(results_meta_add(&meta, "settings", "repetitions 5, timed loop 2000000 ns") == 0);
    REQUIRE(results_meta_add(&meta, "empty", "") == 0);
    CHECK_EQ_INT(meta.count, 4);
    CHECK_EQ_INT(results_meta_write(&meta, sandbox_path(path, dir, "meta")), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, "python: 3.11.7\n"
                       "command: idiombench --quick --filter identity/is_\n"
                       "settings: repetitions 5, timed loop 2000000 ns\n"
                       "empty: \n");
    free(text);
    CHECK_EQ_INT(sandbox_count_names(dir, ".tmp."), 0);
    results_meta_free(&meta);
    sandbox_remove(dir);
}

TEST(line_breaks_in_values_become_spaces)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    meta_list meta = {0};
    REQUIRE(results_meta_add(&meta, "cflags", "-O3\n-g") == 0);
    REQUIRE(results_meta_add(&meta, "crlf", "a\r\nb\n") == 0);
    CHECK_STR_EQ(meta.entries[0].value, "-O3 -g");
    CHECK_STR_EQ(meta.entries[1].value, "a  b ");
    CHECK_EQ_INT(results_meta_write(&meta, sandbox_path(path, dir, "meta")), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, "cflags: -O3 -g\ncrlf: a  b \n");
    free(text);
    results_meta_free(&meta);
    sandbox_remove(dir);
}

TEST(value_is_copied)
{
    char value[] = "before";
    meta_list meta = {0};
    REQUIRE(results_meta_add(&meta, "key", value) == 0);
    value[0] = 'X';
    CHECK_STR_EQ(meta.entries[0].value, "before");
    CHECK_STR_EQ(meta.entries[0].key, "key");
    results_meta_free(&meta);
}

TEST(null_value_is_written_empty)
{
    meta_list meta = {0};
    REQUIRE(results_meta_add(&meta, "git_commit", NULL) == 0);
    CHECK_STR_EQ(meta.entries[0].value, "");
    results_meta_free(&meta);
}

TEST(free_empties_the_list)
{
    meta_list meta = {0};
    REQUIRE(results_meta_add(&meta, "a", "1") == 0);
    REQUIRE(results_meta_add(&meta, "b", "2") == 0);
    results_meta_free(&meta);
    CHECK(meta.entries == NULL);
    CHECK_EQ_INT(meta.count, 0);
    results_meta_free(&meta); /* twice is harmless */
}

TEST(empty_list_writes_an_empty_file)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    meta_list meta = {0};
    CHECK_EQ_INT(results_meta_write(&meta, sandbox_path(path, dir, "meta")), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, "");
    free(text);
    sandbox_remove(dir);
}

TEST(writing_into_a_missing_folder_fails_with_errno)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    meta_list meta = {0};
    REQUIRE(results_meta_add(&meta, "a", "1") == 0);
    errno = 0;
    CHECK_EQ_INT(results_meta_write(&meta, sandbox_path(path, dir, "gone/meta")), -1);
    CHECK_EQ_INT(errno, ENOENT);
    results_meta_free(&meta);
    sandbox_remove(dir);
}

int main(void)
{
    RUN(meta_golden_output);
    RUN(line_breaks_in_values_become_spaces);
    RUN(value_is_copied);
    RUN(null_value_is_written_empty);
    RUN(free_empties_the_list);
    RUN(empty_list_writes_an_empty_file);
    RUN(writing_into_a_missing_folder_fails_with_errno);
    return check_summary();
}
