/* test_results_csv.c: measurements.csv, samples.csv, failures.csv and unavailable.csv,
 * byte for byte (golden output). */
#include "check.h"
#include "results.h"
#include "results_csv.h"
#include "sandbox.h"

#include <errno.h>

#define MEASUREMENTS_HEADER \
    "python_version,family,case,n,metric,unit,median,mean,stddev,cv,min,max,repetitions," \
    "loops,ci_low,ci_high\n"
#define SAMPLES_HEADER "python_version,family,case,n,metric,unit,round,value,loops\n"
#define FAILURES_HEADER "python_version,family,case,n,stage,error,traceback\n"
#define UNAVAILABLE_HEADER "python_version,family,case,metric,reason\n"

/* A run with three rows (one without a size) and two failures. */
static int fill(results *r)
{
    summary time = {12.5, 12.75, 0.5, 0.5 / 12.75, 12.25, 13.5, 10, 12.3, 13.25};
    summary allocs = {1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 5, 1.0, 1.0};
    summary bytes = {1234.5678, 2.9999999, 1e-9, 0.0, 0.0, 123456789.0, 5, 0.0, 123456789.0};
    result_key none = {"identity", "is_none", -1};
    result_key sized = {"sizes", "list_append", 1000};
    result_key zero = {"sizes", "list_append", 0};
    if (results_init(r, "3.11.7") != 0 ||
        results_add_row(r, none, "time_per_op", "ns", &time, 2000000) != 0 ||
        results_add_row(r, sized, "allocs_per_op", "allocs", &allocs, 6400) != 0 ||
        results_add_row(r, zero, "bytes_per_op", "bytes", &bytes, 1) != 0)
        return -1;
    result_key failed = {"identity", "eq_instance", -1};
    result_key failed_sized = {"sizes", "list_append", 10};
    if (results_add_failure(r, failed, "compile", "SyntaxError: invalid syntax",
                            "Traceback (most recent call last):\n"
                            "  File \"<identity/eq_instance>\", line 1\n"
                            "SyntaxError: invalid syntax\n") != 0 ||
        results_add_failure(r, failed_sized, "time", "ValueError: a, b", NULL) != 0)
        return -1;
    return 0;
}

TEST(measurements_golden_output)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(fill(&r) == 0);
    CHECK_EQ_INT(results_csv_write_measurements(&r, sandbox_path(path, dir, "measurements.csv")),
                 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text,
                 MEASUREMENTS_HEADER
                 "3.11.7,identity,is_none,,time_per_op,ns,12.5,12.75,0.5,0.0392156863,12.25,"
                 "13.5,10,2000000,12.3,13.25\n"
                 "3.11.7,sizes,list_append,1000,allocs_per_op,allocs,1,1,0,0,1,1,5,6400,1,1\n"
                 "3.11.7,sizes,list_append,0,bytes_per_op,bytes,1234.5678,2.9999999,1e-09,0,0,"
                 "123456789,5,1,0,123456789\n");
    free(text);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 1);
    results_free(&r);
    sandbox_remove(dir);
}

/* Rows with their samples: a time row without a size, a sized allocation row, a row
 * at n=0 with awkward figures, and a row kept without samples. */
static int fill_sampled(results *r)
{
    summary time = {12.5, 12.75, 0.5, 0.5 / 12.75, 12.25, 13.5, 3, 12.25, 13.5};
    double time_ns[] = {13.5, 12.25, 12.5};
    summary allocs = {1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 2, 1.0, 1.0};
    double allocs_counts[] = {1.0, 1.0};
    summary bytes = {0.0, 0.0, 0.0, 0.0, -0.5, 0.5, 4, -0.5, 0.5};
    double awkward[] = {1e-9, 123456789.0, -0.5, 1234.56789012};
    summary unsampled = {2.0, 2.0, 0.0, 0.0, 2.0, 2.0, 1, 2.0, 2.0};
    result_key none = {"identity", "is_none", -1};
    result_key sized = {"sizes", "list_append", 1000};
    result_key zero = {"sizes", "list_append", 0};
    result_key other = {"sizes", "other", 5};
    if (results_init(r, "3.11.7") != 0 ||
        results_add_sampled_row(r, none, "time_per_op", "ns", &time, time_ns, 3, 2000000) != 0 ||
        results_add_sampled_row(r, sized, "allocs_per_op", "allocs", &allocs, allocs_counts, 2,
                                6400) != 0 ||
        results_add_row(r, other, "time_per_op", "ns", &unsampled, 7) != 0 ||
        results_add_sampled_row(r, zero, "bytes_per_op", "bytes", &bytes, awkward, 4, 1) != 0)
        return -1;
    return 0;
}

TEST(samples_golden_output)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(fill_sampled(&r) == 0);
    CHECK_EQ_INT(results_csv_write_samples(&r, sandbox_path(path, dir, "samples.csv")), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text,
                 SAMPLES_HEADER
                 "3.11.7,identity,is_none,,time_per_op,ns,1,13.5,2000000\n"
                 "3.11.7,identity,is_none,,time_per_op,ns,2,12.25,2000000\n"
                 "3.11.7,identity,is_none,,time_per_op,ns,3,12.5,2000000\n"
                 "3.11.7,sizes,list_append,1000,allocs_per_op,allocs,1,1,6400\n"
                 "3.11.7,sizes,list_append,1000,allocs_per_op,allocs,2,1,6400\n"
                 "3.11.7,sizes,list_append,0,bytes_per_op,bytes,1,1e-09,1\n"
                 "3.11.7,sizes,list_append,0,bytes_per_op,bytes,2,123456789,1\n"
                 "3.11.7,sizes,list_append,0,bytes_per_op,bytes,3,-0.5,1\n"
                 "3.11.7,sizes,list_append,0,bytes_per_op,bytes,4,1234.56789,1\n");
    free(text);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 1);
    results_free(&r);
    sandbox_remove(dir);
}

TEST(a_row_keeps_a_copy_of_its_samples)
{
    results r;
    REQUIRE(results_init(&r, "3.12.1") == 0);
    summary s = {2.0, 2.0, 0.0, 0.0, 1.0, 3.0, 3, 1.0, 3.0};
    double samples[] = {1.0, 2.0, 3.0};
    result_key key = {"f", "c", -1};
    REQUIRE(results_add_sampled_row(&r, key, "time_per_op", "ns", &s, samples, 3, 9) == 0);
    samples[0] = samples[1] = samples[2] = -1.0;
    REQUIRE(r.row_count == 1);
    CHECK_EQ_INT(r.rows[0].sample_count, 3);
    REQUIRE(r.rows[0].samples != NULL && r.rows[0].samples != samples);
    CHECK_EQ_DOUBLE(r.rows[0].samples[0], 1.0);
    CHECK_EQ_DOUBLE(r.rows[0].samples[2], 3.0);
    REQUIRE(results_add_row(&r, key, "allocs_per_op", "allocs", &s, 9) == 0);
    CHECK(r.rows[1].samples == NULL);
    CHECK_EQ_INT(r.rows[1].sample_count, 0);
    results_free(&r);
    CHECK(r.rows == NULL && r.row_count == 0);
}

TEST(samples_of_many_repetitions_are_numbered_to_the_last)
{
    enum { COUNT = 1000 };
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(results_init(&r, "3.9.18") == 0);
    double *samples = malloc(COUNT * sizeof *samples);
    REQUIRE(samples != NULL);
    for (int k = 0; k < COUNT; k++)
        samples[k] = k + 0.25;
    summary s = {499.75, 499.75, 0.0, 0.0, 0.25, 999.25, COUNT, 0.25, 999.25};
    result_key key = {"strings", "join", 100000};
    REQUIRE(results_add_sampled_row(&r, key, "time_per_op", "ns", &s, samples, COUNT, 123) == 0);
    free(samples);
    CHECK_EQ_INT(results_csv_write_samples(&r, sandbox_path(path, dir, "s.csv")), 0);
    char *text = sandbox_read(path);
    REQUIRE(text != NULL);
    size_t lines = 0;
    for (const char *p = text; *p != '\0'; p++)
        lines += *p == '\n';
    CHECK_EQ_INT(lines, COUNT + 1);
    CHECK_STR_STARTS(text, SAMPLES_HEADER "3.9.18,strings,join,100000,time_per_op,ns,1,0.25,123\n"
                                          "3.9.18,strings,join,100000,time_per_op,ns,2,1.25,123\n");
    CHECK_STR_CONTAINS(text, "\n3.9.18,strings,join,100000,time_per_op,ns,1000,999.25,123\n");
    free(text);
    results_free(&r);
    sandbox_remove(dir);
}

TEST(failures_golden_output)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(fill(&r) == 0);
    CHECK_EQ_INT(results_csv_write_failures(&r, sandbox_path(path, dir, "failures.csv")), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text,
                 FAILURES_HEADER
                 "3.11.7,identity,eq_instance,,compile,SyntaxError: invalid syntax,"
                 "\"Traceback (most recent call last):\n"
                 "  File \"\"<identity/eq_instance>\"\", line 1\n"
                 "SyntaxError: invalid syntax\n\"\n"
                 "3.11.7,sizes,list_append,10,time,\"ValueError: a, b\",\n");
    free(text);
    results_free(&r);
    sandbox_remove(dir);
}

TEST(empty_results_write_the_headers_alone)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(results_init(&r, "3.6.15") == 0);
    CHECK_EQ_INT(results_csv_write_measurements(&r, sandbox_path(path, dir, "m.csv")), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, MEASUREMENTS_HEADER);
    free(text);
    CHECK_EQ_INT(results_csv_write_samples(&r, sandbox_path(path, dir, "s.csv")), 0);
    text = sandbox_read(path);
    CHECK_STR_EQ(text, SAMPLES_HEADER);
    free(text);
    CHECK_EQ_INT(results_csv_write_failures(&r, sandbox_path(path, dir, "f.csv")), 0);
    text = sandbox_read(path);
    CHECK_STR_EQ(text, FAILURES_HEADER);
    free(text);
    CHECK_EQ_INT(results_csv_write_unavailable(&r, sandbox_path(path, dir, "u.csv")), 0);
    text = sandbox_read(path);
    CHECK_STR_EQ(text, UNAVAILABLE_HEADER);
    free(text);
    results_free(&r);
    sandbox_remove(dir);
}

TEST(any_negative_n_is_written_empty)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(results_init(&r, "3.12.1") == 0);
    summary s = {2.0, 2.0, 0.0, 0.0, 2.0, 2.0, 2, 2.0, 2.0};
    result_key key = {"f", "c", -7};
    REQUIRE(results_add_row(&r, key, "time_per_op", "ns", &s, 3) == 0);
    CHECK_EQ_INT(results_csv_write_measurements(&r, sandbox_path(path, dir, "m.csv")), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, MEASUREMENTS_HEADER "3.12.1,f,c,,time_per_op,ns,2,2,0,0,2,2,2,3,2,2\n");
    free(text);
    results_free(&r);
    sandbox_remove(dir);
}

TEST(names_needing_quotes_are_quoted_in_rows)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(results_init(&r, "3.13.0,free\"threaded") == 0);
    summary s = {1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 2, 1.0, 1.0};
    result_key key = {"fam,ily", "ca\"se", 4};
    double samples[] = {1.0, 1.0};
    REQUIRE(results_add_sampled_row(&r, key, "time_per_op", "ns", &s, samples, 2, 1) == 0);
    CHECK_EQ_INT(results_csv_write_measurements(&r, sandbox_path(path, dir, "m.csv")), 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, MEASUREMENTS_HEADER
                 "\"3.13.0,free\"\"threaded\",\"fam,ily\",\"ca\"\"se\",4,time_per_op,ns,"
                 "1,1,0,0,1,1,2,1,1,1\n");
    free(text);
    CHECK_EQ_INT(results_csv_write_samples(&r, sandbox_path(path, dir, "s.csv")), 0);
    text = sandbox_read(path);
    CHECK_STR_EQ(text, SAMPLES_HEADER
                 "\"3.13.0,free\"\"threaded\",\"fam,ily\",\"ca\"\"se\",4,time_per_op,ns,1,1,1\n"
                 "\"3.13.0,free\"\"threaded\",\"fam,ily\",\"ca\"\"se\",4,time_per_op,ns,2,1,1\n");
    free(text);
    results_free(&r);
    sandbox_remove(dir);
}

TEST(unavailable_golden_output)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(results_init(&r, "2.7.18") == 0);
    REQUIRE(results_add_unavailable(&r, "strings", "join_list", "allocs_per_op",
                                    "no allocator API in Python 2.7.18") == 0);
    REQUIRE(results_add_unavailable(&r, "strings", "fmt_fstring", "*",
                                    "needs Python 3.6+ (f-strings)") == 0);
    REQUIRE(results_add_unavailable(&r, "fam,ily", "c", "*", "needs Python 3.5+ ({**d}, \"x\")") ==
            0);
    CHECK_EQ_INT(r.unavailable_count, 3);
    CHECK_EQ_INT(results_csv_write_unavailable(&r, sandbox_path(path, dir, "unavailable.csv")),
                 0);
    char *text = sandbox_read(path);
    CHECK_STR_EQ(text, UNAVAILABLE_HEADER
                 "2.7.18,strings,join_list,allocs_per_op,no allocator API in Python 2.7.18\n"
                 "2.7.18,strings,fmt_fstring,*,needs Python 3.6+ (f-strings)\n"
                 "2.7.18,\"fam,ily\",c,*,\"needs Python 3.5+ ({**d}, \"\"x\"\")\"\n");
    free(text);
    CHECK_EQ_INT(sandbox_count_names(dir, ""), 1);
    results_free(&r);
    CHECK(r.unavailable == NULL && r.unavailable_count == 0);
    sandbox_remove(dir);
}

TEST(writing_into_a_missing_folder_fails_with_errno)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX];
    REQUIRE(sandbox_create(dir) == 0);
    results r;
    REQUIRE(results_init(&r, "3.11.7") == 0);
    errno = 0;
    CHECK_EQ_INT(results_csv_write_measurements(&r, sandbox_path(path, dir, "no/m.csv")), -1);
    CHECK_EQ_INT(errno, ENOENT);
    errno = 0;
    CHECK_EQ_INT(results_csv_write_samples(&r, path), -1);
    CHECK_EQ_INT(errno, ENOENT);
    errno = 0;
    CHECK_EQ_INT(results_csv_write_failures(&r, path), -1);
    CHECK_EQ_INT(errno, ENOENT);
    errno = 0;
    CHECK_EQ_INT(results_csv_write_unavailable(&r, path), -1);
    CHECK_EQ_INT(errno, ENOENT);
    results_free(&r);
    sandbox_remove(dir);
}

int main(void)
{
    RUN(measurements_golden_output);
    RUN(samples_golden_output);
    RUN(a_row_keeps_a_copy_of_its_samples);
    RUN(samples_of_many_repetitions_are_numbered_to_the_last);
    RUN(failures_golden_output);
    RUN(empty_results_write_the_headers_alone);
    RUN(any_negative_n_is_written_empty);
    RUN(names_needing_quotes_are_quoted_in_rows);
    RUN(unavailable_golden_output);
    RUN(writing_into_a_missing_folder_fails_with_errno);
    return check_summary();
}
