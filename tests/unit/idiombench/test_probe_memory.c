/* test_probe_memory.c: probe_memory.c reads RSS from /proc/self/statm and reports what a
 * loop run leaves alive (tracemalloc), net of its empty twin. */
#include "check.h"
#include "embed.h"
#include "loop.h"
#include "probe_memory.h"

#include <stdlib.h>
#include <string.h>

TEST(statm_resident_is_the_second_field_times_the_page)
{
    double rss = -1;
    CHECK(probe_memory_parse_statm("5000 1234 300 10 0 900 0\n", 4096, &rss) == 0);
    CHECK_EQ_DOUBLE(rss, 1234.0 * 4096.0);
    CHECK(probe_memory_parse_statm("1 0 0 0 0 0 0", 65536, &rss) == 0);
    CHECK_EQ_DOUBLE(rss, 0.0);
}

TEST(statm_without_resident_field_is_an_error)
{
    double rss = 7;
    CHECK(probe_memory_parse_statm("", 4096, &rss) == -1);
    CHECK(probe_memory_parse_statm("5000", 4096, &rss) == -1);
    CHECK(probe_memory_parse_statm("size resident", 4096, &rss) == -1);
    CHECK(probe_memory_parse_statm(NULL, 4096, &rss) == -1);
    CHECK_EQ_DOUBLE(rss, 7.0);
}

TEST(rss_grows_when_pages_are_touched)
{
    double before, after;
    REQUIRE(probe_memory_rss_bytes(&before) == 0);
    size_t size = 32u << 20;
    char *block = malloc(size);
    REQUIRE(block != NULL);
    for (size_t i = 0; i < size; i += 1024)
        block[i] = (char)i;
    REQUIRE(probe_memory_rss_bytes(&after) == 0);
    CHECK(before > 0);
    CHECK(after - before >= (double)size * 0.9);
    free(block);
}

/* Compiles a function-scope case with size n, takes one memory sample. */
static int sample(const char *setup, const char *stmt, long n, Py_ssize_t loops,
                  memory_figures *out)
{
    long size = n;
    case_def c = {"memory", "test", (char *)setup, (char *)stmt, &size, 1,
                  INSTRUMENT_MEMORY, false, false, "test_probe_memory.c", "", 0, 0, NULL};
    loop_twins twins;
    if (loop_compile(&c, n, &twins) != 0)
        return -1;
    int status = probe_memory_begin();
    if (status == 0)
        status = probe_memory_sample(&twins, loops, out);
    probe_memory_end();
    loop_release(&twins);
    return status;
}

TEST(kept_bytes_are_retained_and_dropped_ones_only_peak)
{
    REQUIRE(probe_memory_available());
    REQUIRE(embed_run("import builtins\nbuiltins.unit_kept = []\n") == 0);
    memory_figures kept, dropped;
    REQUIRE(sample("keep = __import__('builtins').unit_kept.append",
                   "keep(b'x' * n)", 100000, 20, &kept) == 0);
    CHECK(kept.retained_bytes >= 20 * 100000.0);
    CHECK(kept.retained_bytes < 20 * 100000.0 + 10000);
    CHECK(kept.peak_bytes >= 20 * 100000.0);
    CHECK(kept.rss_delta_bytes >= 20 * 100000.0 * 0.5);
    REQUIRE(sample("", "big = b'x' * n\ndel big", 1000000, 20, &dropped) == 0);
    CHECK(dropped.retained_bytes < 10000);
    CHECK(dropped.retained_bytes > -10000);
    /* The bytes object, less a few dozen bytes: the empty twin's own peak is taken off
     * (3.14 measured 999959). */
    CHECK(dropped.peak_bytes >= 1000000.0 - 1000);
    CHECK(dropped.peak_bytes < 2 * 1000000.0);
    REQUIRE(embed_run("del builtins.unit_kept\n") == 0);
}

TEST(tracing_stops_after_end)
{
    memory_figures f;
    REQUIRE(sample("", "pass", 1, 10, &f) == 0);
    CHECK_EQ_INT(embed_eval_long("int(__import__('tracemalloc').is_tracing())"), 0);
}

TEST(sample_before_begin_is_an_error)
{
    loop_twins twins;
    memset(&twins, 0, sizeof twins);
    memory_figures f;
    CHECK(probe_memory_sample(&twins, 1, &f) == -1);
    CHECK(PyErr_Occurred() != NULL);
    PyErr_Clear();
}

int main(void)
{
    embed_start();
    RUN(statm_resident_is_the_second_field_times_the_page);
    RUN(statm_without_resident_field_is_an_error);
    RUN(rss_grows_when_pages_are_touched);
    RUN(kept_bytes_are_retained_and_dropped_ones_only_peak);
    RUN(tracing_stops_after_end);
    RUN(sample_before_begin_is_an_error);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
