/* test_probe_resources.c: probe_resources.c counts open descriptors and, for a loop run
 * net of its empty twin, descriptors left open, ResourceWarnings and collections. */
#include "check.h"
#include "embed.h"
#include "loop.h"
#include "probe_resources.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

TEST(entries_of_a_folder_are_counted_without_dot_and_dotdot)
{
    char dir[] = "/tmp/idiombench-unit-XXXXXX";
    REQUIRE(mkdtemp(dir) != NULL);
    long count = -1;
    CHECK(probe_resources_count_entries(dir, &count) == 0);
    CHECK_EQ_INT(count, 0);
    char path[64];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/f%d", dir, i);
        FILE *f = fopen(path, "w");
        REQUIRE(f != NULL);
        fclose(f);
    }
    CHECK(probe_resources_count_entries(dir, &count) == 0);
    CHECK_EQ_INT(count, 3);
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/f%d", dir, i);
        unlink(path);
    }
    rmdir(dir);
}

TEST(missing_folder_is_an_error)
{
    long count = 5;
    CHECK(probe_resources_count_entries("/nonexistent/idiombench", &count) == -1);
    CHECK_EQ_INT(count, 5);
}

TEST(open_fds_follow_open_and_close)
{
    long before, during, after;
    REQUIRE(probe_resources_open_fds(&before) == 0);
    int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_RDONLY);
    REQUIRE(a >= 0 && b >= 0);
    REQUIRE(probe_resources_open_fds(&during) == 0);
    close(a);
    close(b);
    REQUIRE(probe_resources_open_fds(&after) == 0);
    CHECK_EQ_INT(during - before, 2);
    CHECK_EQ_INT(after, before);
}

/* Compiles a function-scope case with size n, takes one resources sample. */
static int sample(const char *setup, const char *stmt, long n, Py_ssize_t loops,
                  resource_figures *out)
{
    long size = n;
    case_def c = {"resources", "test", (char *)setup, (char *)stmt, &size, 1,
                  INSTRUMENT_RESOURCES, false, false, "test_probe_resources.c", "",
                  0, 0, NULL};
    loop_twins twins;
    if (loop_compile(&c, n, &twins) != 0)
        return -1;
    int status = probe_resources_sample(&twins, loops, out);
    loop_release(&twins);
    return status;
}

TEST(kept_files_stay_open_and_dropped_ones_warn)
{
    REQUIRE(embed_run("import builtins\nbuiltins.unit_files = []\n") == 0);
    resource_figures kept, dropped;
    REQUIRE(sample("keep = __import__('builtins').unit_files.append",
                   "keep(open('/dev/null'))", 1, 7, &kept) == 0);
    CHECK_EQ_DOUBLE(kept.fds_delta, 7.0);
    CHECK_EQ_DOUBLE(kept.resource_warnings, 0.0);
    REQUIRE(sample("", "f = open('/dev/null')", 1, 7, &dropped) == 0);
    CHECK_EQ_DOUBLE(dropped.fds_delta, 0.0);
    CHECK_EQ_DOUBLE(dropped.resource_warnings, probe_resources_warnings_available() ? 7.0 : 0.0);
    REQUIRE(embed_run("for f in builtins.unit_files: f.close()\ndel builtins.unit_files\n") ==
            0);
}

TEST(collections_are_counted_while_gc_runs)
{
    REQUIRE(probe_resources_gc_available());
    resource_figures on, off;
    const char *cycles = "for _i in range(n):\n    a = []\n    a.append(a)\n";
    REQUIRE(embed_run("import gc\ngc.enable()\n") == 0);
    REQUIRE(sample("", cycles, 10000, 1, &on) == 0);
    REQUIRE(embed_run("gc.disable()\n") == 0);
    REQUIRE(sample("", cycles, 10000, 1, &off) == 0);
    CHECK(on.collections[0] >= 1);
    CHECK(on.collected >= 1000);
    CHECK_EQ_DOUBLE(off.collections[0], 0.0);
    CHECK_EQ_DOUBLE(off.collected, 0.0);
}

TEST(warning_filters_are_restored)
{
    long before = embed_eval_long("len(__import__('warnings').filters)");
    resource_figures f;
    REQUIRE(sample("", "pass", 1, 1, &f) == 0);
    CHECK_EQ_INT(embed_eval_long("len(__import__('warnings').filters)"), before);
}

int main(void)
{
    embed_start();
    RUN(entries_of_a_folder_are_counted_without_dot_and_dotdot);
    RUN(missing_folder_is_an_error);
    RUN(open_fds_follow_open_and_close);
    RUN(kept_files_stay_open_and_dropped_ones_warn);
    RUN(collections_are_counted_while_gc_runs);
    RUN(warning_filters_are_restored);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
