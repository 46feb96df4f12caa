/* test_atomic_file.c: atomic_file.c writes the whole file or leaves the old one. */
#include "atomic_file.h"
#include "check.h"
#include "sandbox.h"

#include <errno.h>
#include <sys/stat.h>

TEST(commit_writes_the_file_and_leaves_no_temporary)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "out.csv");
    atomic_file file;
    CHECK_EQ_INT(atomic_file_open(&file, path), 0);
    REQUIRE(file.stream != NULL);
    fputs("a,b\n1,2\n", file.stream);
    CHECK_EQ_INT(sandbox_count_names(dir, "out.csv.tmp."), 1); /* beside it, while open */
    CHECK(access(path, F_OK) != 0);                            /* not there until commit */
    CHECK_EQ_INT(atomic_file_commit(&file), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, "a,b\n1,2\n");
    free(text);
    CHECK_EQ_INT(sandbox_count_names(dir, ".tmp."), 0);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 1);
    CHECK(file.stream == NULL && file.temp_path == NULL && file.final_path == NULL);
    sandbox_remove(dir);
}

TEST(commit_replaces_an_earlier_file)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "meta");
    REQUIRE(sandbox_write(path, "old contents that are longer\n") == 0);
    atomic_file file;
    REQUIRE(atomic_file_open(&file, path) == 0);
    fputs("new\n", file.stream);
    CHECK_EQ_INT(atomic_file_commit(&file), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, "new\n");
    free(text);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 1);
    sandbox_remove(dir);
}

TEST(committed_file_mode_is_0644_whatever_the_umask)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "measurements.csv");
    mode_t saved = umask(077);
    atomic_file file;
    int opened = atomic_file_open(&file, path);
    umask(saved);
    REQUIRE(opened == 0);
    fputs("x\n", file.stream);
    REQUIRE(atomic_file_commit(&file) == 0);
    struct stat info;
    REQUIRE(stat(path, &info) == 0);
    CHECK_EQ_INT(info.st_mode & 07777, 0644);
    CHECK(S_ISREG(info.st_mode));
    sandbox_remove(dir);
}

TEST(abort_keeps_the_earlier_file_and_removes_the_temporary)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "failures.csv");
    REQUIRE(sandbox_write(path, "earlier\n") == 0);
    atomic_file file;
    REQUIRE(atomic_file_open(&file, path) == 0);
    fputs("half a fi", file.stream);
    fflush(file.stream);
    atomic_file_abort(&file);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, "earlier\n");
    free(text);
    CHECK_EQ_INT(sandbox_count_names(dir, ".tmp."), 0);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 1);
    CHECK(file.stream == NULL && file.temp_path == NULL && file.final_path == NULL);
    sandbox_remove(dir);
}

TEST(abort_without_an_earlier_file_leaves_nothing)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "new");
    atomic_file file;
    REQUIRE(atomic_file_open(&file, path) == 0);
    atomic_file_abort(&file);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 0);
    sandbox_remove(dir);
}

TEST(open_in_a_missing_folder_fails_with_errno)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "no/such/folder/file.csv");
    atomic_file file;
    errno = 0;
    CHECK_EQ_INT(atomic_file_open(&file, path), -1);
    CHECK_EQ_INT(errno, ENOENT);
    CHECK(file.stream == NULL && file.temp_path == NULL && file.final_path == NULL);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 0);
    sandbox_remove(dir);
}

TEST(commit_that_cannot_rename_fails_and_removes_the_temporary)
{
    /* rename(2) of a file onto a non-empty folder fails: the commit must say so. */
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX], inside[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    sandbox_path(path, dir, "taken");
    REQUIRE(mkdir(path, 0755) == 0);
    REQUIRE(sandbox_write(sandbox_path(inside, path, "keep"), "x") == 0);
    atomic_file file;
    REQUIRE(atomic_file_open(&file, path) == 0);
    fputs("data\n", file.stream);
    errno = 0;
    CHECK_EQ_INT(atomic_file_commit(&file), -1);
    CHECK(errno != 0);
    CHECK_EQ_INT(sandbox_count_names(dir, ".tmp."), 0);
    CHECK(sandbox_is_dir(path));
    sandbox_remove(dir);
}

int main(void)
{
    RUN(commit_writes_the_file_and_leaves_no_temporary);
    RUN(commit_replaces_an_earlier_file);
    RUN(committed_file_mode_is_0644_whatever_the_umask);
    RUN(abort_keeps_the_earlier_file_and_removes_the_temporary);
    RUN(abort_without_an_earlier_file_leaves_nothing);
    RUN(open_in_a_missing_folder_fails_with_errno);
    RUN(commit_that_cannot_rename_fails_and_removes_the_temporary);
    return check_summary();
}
