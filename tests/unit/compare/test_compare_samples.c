/* test_compare_samples.c: samples.csv read into series (grouping, order, summaries), and
 * each bad input's message. */
#include "check.h"
#include "compare_samples.h"
#include "sandbox.h"

#define HEADER SAMPLES_COLUMNS "\n"

static int parse(const char *text, sample_set *set, char *err, size_t size)
{
    return compare_samples_parse(text, strlen(text), "samples.csv", set, err, size);
}

/* The message parsing text gives (it must fail), in a static buffer. */
static const char *error_of(const char *text)
{
    static char err[1024];
    sample_set set;
    err[0] = '\0';
    if (parse(text, &set, err, sizeof err) == 0) {
        compare_samples_free(&set);
        return "(no error)";
    }
    return err;
}

TEST(rows_in_any_order_group_into_sorted_series)
{
    const char *text = HEADER
        "3.12.1,strings,join,100,time_per_op,ns,2,21,1000\n"
        "3.10.13,strings,join,100,time_per_op,ns,1,30,900\n"
        "3.12.1,strings,join,100,time_per_op,ns,1,20,1000\n"
        "3.9.18,identity,is_none,,allocs_per_op,allocs,1,0,10000\n"
        "3.12.1,strings,join,10,time_per_op,ns,1,5,1000\n"
        "3.12.1,strings,join,100,time_per_op,ns,3,19,1001\n"
        "3.9.18,identity,is_none,,time_per_op,ns,1,3.5,2000\n";
    sample_set set;
    char err[512];
    REQUIRE(parse(text, &set, err, sizeof err) == 0);
    REQUIRE(set.version_count == 3);
    CHECK_STR_EQ(set.versions[0], "3.9.18");
    CHECK_STR_EQ(set.versions[1], "3.10.13");
    CHECK_STR_EQ(set.versions[2], "3.12.1");
    REQUIRE(set.series_count == 5);
    /* identity/is_none time, allocs; strings/join n=10; n=100 3.10.13, 3.12.1 */
    CHECK_STR_EQ(set.series[0].metric, "time_per_op");
    CHECK_STR_EQ(set.series[1].metric, "allocs_per_op");
    CHECK_EQ_INT(set.series[1].n, -1);
    CHECK_EQ_INT(set.series[2].n, 10);
    CHECK_EQ_INT(set.series[3].version, 1);
    const sample_series *join = &set.series[4];
    CHECK_EQ_INT(join->version, 2);
    CHECK_STR_EQ(join->family, "strings");
    CHECK_STR_EQ(join->unit, "ns");
    REQUIRE(join->count == 3);
    CHECK_EQ_DOUBLE(join->values[0], 20.0); /* round order */
    CHECK_EQ_DOUBLE(join->values[1], 21.0);
    CHECK_EQ_DOUBLE(join->values[2], 19.0);
    CHECK_EQ_DOUBLE(join->figures.median, 20.0);
    CHECK_EQ_DOUBLE(join->figures.mean, 20.0);
    CHECK_EQ_DOUBLE(join->figures.stddev, 1.0);
    CHECK_EQ_INT(join->figures.count, 3);
    CHECK_EQ_INT(join->loops, 1000);
    CHECK(compare_samples_same_key(&set.series[3], join));
    CHECK(!compare_samples_same_key(&set.series[2], join));
    CHECK_EQ_INT(compare_samples_find_version(&set, "3.10.13"), 1);
    CHECK_EQ_INT(compare_samples_find_version(&set, "3.11"), -1);
    compare_samples_free(&set);
}

TEST(columns_in_another_order_extra_columns_and_quotes_are_read)
{
    const char *text = "value,round,note,loops,unit,metric,n,case,family,python_version\n"
                       "1.5,1,\"a, note\",10,bytes,bytes_per_op,,\"odd \"\"case\"\"\","
                       "\"fam,ily\",3.11.7#2\n";
    sample_set set;
    char err[512];
    REQUIRE(parse(text, &set, err, sizeof err) == 0);
    REQUIRE(set.series_count == 1);
    CHECK_STR_EQ(set.versions[0], "3.11.7#2");
    CHECK_STR_EQ(set.series[0].family, "fam,ily");
    CHECK_STR_EQ(set.series[0].case_name, "odd \"case\"");
    CHECK_EQ_DOUBLE(set.series[0].values[0], 1.5);
    CHECK_EQ_INT(set.series[0].loops, 10);
    compare_samples_free(&set);
}

TEST(a_header_alone_gives_an_empty_set)
{
    sample_set set;
    char err[512];
    REQUIRE(parse(HEADER, &set, err, sizeof err) == 0);
    CHECK_EQ_INT(set.version_count, 0);
    CHECK_EQ_INT(set.series_count, 0);
    compare_samples_free(&set);
}

TEST(the_loops_median_is_rounded)
{
    const char *text = HEADER "a,f,c,,time_per_op,ns,1,1,1000\n"
                              "a,f,c,,time_per_op,ns,2,1,1001\n";
    sample_set set;
    char err[512];
    REQUIRE(parse(text, &set, err, sizeof err) == 0);
    CHECK_EQ_INT(set.series[0].loops, 1001); /* 1000.5 */
    compare_samples_free(&set);
}

TEST(missing_columns_are_all_named)
{
    const char *err = error_of("python_version,family,case,metric,unit,value\n");
    CHECK_STR_STARTS(err, "samples.csv: the header lacks the column(s) n, round, loops;");
    CHECK_STR_CONTAINS(err, SAMPLES_COLUMNS);
}

TEST(an_empty_file_says_what_it_expected)
{
    CHECK_STR_STARTS(error_of(""), "samples.csv is empty: expected a header line");
    CHECK_STR_STARTS(error_of("\n\n"), "samples.csv is empty");
}

TEST(a_column_named_twice_is_refused)
{
    CHECK_STR_CONTAINS(error_of(SAMPLES_COLUMNS ",value\n"), "names the column 'value' twice");
}

TEST(a_non_numeric_value_names_file_line_and_field)
{
    const char *text = HEADER "a,f,c,,time_per_op,ns,1,1.5,10\n"
                              "a,f,c,,time_per_op,ns,2,fast,10\n";
    CHECK_STR_STARTS(error_of(text), "samples.csv:3: value 'fast' is not a number");
    CHECK_STR_STARTS(error_of(HEADER "a,f,c,,time_per_op,ns,1,,10\n"),
                     "samples.csv:2: value '' is not a number");
    CHECK_STR_STARTS(error_of(HEADER "a,f,c,,time_per_op,ns,1,nan,10\n"),
                     "samples.csv:2: value 'nan'");
    CHECK_STR_STARTS(error_of(HEADER "a,f,c,,time_per_op,ns,1, 2,10\n"),
                     "samples.csv:2: value ' 2'");
}

TEST(bad_n_round_and_loops_are_named)
{
    CHECK_STR_STARTS(error_of(HEADER "a,f,c,-5,time_per_op,ns,1,1,10\n"),
                     "samples.csv:2: n '-5' is not a whole number");
    CHECK_STR_STARTS(error_of(HEADER "a,f,c,,time_per_op,ns,0,1,10\n"),
                     "samples.csv:2: round '0' is not a whole number from 1 up");
    CHECK_STR_STARTS(error_of(HEADER "a,f,c,,time_per_op,ns,1,1,1.5\n"),
                     "samples.csv:2: loops '1.5' is not a whole number");
}

TEST(empty_labels_and_wrong_field_counts_are_refused)
{
    CHECK_STR_STARTS(error_of(HEADER ",f,c,,time_per_op,ns,1,1,10\n"),
                     "samples.csv:2: python_version is empty");
    CHECK_STR_STARTS(error_of(HEADER "a,f,c,,time_per_op,ns,1,1\n"),
                     "samples.csv:2: 8 fields where the header has 9");
}

TEST(a_second_sample_for_the_same_round_is_refused)
{
    const char *text = HEADER "3.12.1,f,c,10,time_per_op,ns,1,1,10\n"
                              "3.12.1,f,c,10,time_per_op,ns,2,1,10\n"
                              "3.12.1,f,c,10,time_per_op,ns,1,2,10\n";
    CHECK_STR_STARTS(error_of(text), "samples.csv:4: a second sample of 3.12.1 f/c n=10 "
                                     "time_per_op in round 1 (the first is at line 2)");
}

TEST(one_metric_with_two_units_is_refused)
{
    const char *text = HEADER "a,f,c,,time_per_op,ns,1,1,10\n"
                              "b,f,d,,time_per_op,us,1,1,10\n";
    CHECK_STR_STARTS(error_of(text), "samples.csv:3: metric time_per_op has the unit 'us' "
                                     "here but 'ns' at line 2");
}

TEST(a_csv_error_names_the_file)
{
    CHECK_STR_STARTS(error_of(HEADER "a,\"f,c\n"), "samples.csv: line 2: a quoted field");
}

TEST(versions_sort_by_number_then_text)
{
    CHECK(compare_samples_compare_versions("3.9", "3.10") < 0);
    CHECK(compare_samples_compare_versions("3.10.13", "3.11.2") < 0);
    CHECK(compare_samples_compare_versions("3.11.7", "3.11.7#2") < 0);
    CHECK(compare_samples_compare_versions("3.11.7#2", "3.11.7#10") < 0);
    CHECK(compare_samples_compare_versions("2.7.18", "3.6.15") < 0);
    CHECK(compare_samples_compare_versions("3.12.1", "3.12.1") == 0);
    /* distinct labels stay distinct */
    CHECK(compare_samples_compare_versions("3.010", "3.10") != 0);
    CHECK(compare_samples_compare_versions("pypy", "3.11") > 0);
}

TEST(metrics_sort_as_the_harness_lists_them)
{
    CHECK(compare_samples_compare_metrics("time_per_op", "allocs_per_op") < 0);
    CHECK(compare_samples_compare_metrics("bytes_per_op", "allocs_per_op") > 0);
    CHECK(compare_samples_compare_metrics("gc_collected", "retained_bytes") > 0);
    CHECK(compare_samples_compare_metrics("zzz_custom", "gc_collected") > 0);
    CHECK(compare_samples_compare_metrics("aaa_custom", "zzz_custom") < 0);
}

TEST(files_that_cannot_be_read_or_hold_binary_data)
{
    char dir[SANDBOX_PATH_MAX], path[SANDBOX_PATH_MAX], err[1024];
    REQUIRE(sandbox_create(dir) == 0);
    sample_set set;
    CHECK(compare_samples_read_file(sandbox_path(path, dir, "absent.csv"), &set, err,
                                    sizeof err) != 0);
    CHECK_STR_STARTS(err, "cannot read the samples file '");
    CHECK_STR_CONTAINS(err, "No such file or directory");
    FILE *binary = fopen(sandbox_path(path, dir, "binary.csv"), "wb");
    REQUIRE(binary != NULL);
    fwrite("a\0b", 1, 3, binary);
    fclose(binary);
    CHECK(compare_samples_read_file(path, &set, err, sizeof err) != 0);
    CHECK_STR_CONTAINS(err, "binary data");
    REQUIRE(sandbox_write(sandbox_path(path, dir, "good.csv"),
                          HEADER "a,f,c,,time_per_op,ns,1,1,10\n") == 0);
    REQUIRE(compare_samples_read_file(path, &set, err, sizeof err) == 0);
    CHECK_EQ_INT(set.series_count, 1);
    compare_samples_free(&set);
    sandbox_remove(dir);
}

int main(void)
{
    RUN(rows_in_any_order_group_into_sorted_series);
    RUN(columns_in_another_order_extra_columns_and_quotes_are_read);
    RUN(a_header_alone_gives_an_empty_set);
    RUN(the_loops_median_is_rounded);
    RUN(missing_columns_are_all_named);
    RUN(an_empty_file_says_what_it_expected);
    RUN(a_column_named_twice_is_refused);
    RUN(a_non_numeric_value_names_file_line_and_field);
    RUN(bad_n_round_and_loops_are_named);
    RUN(empty_labels_and_wrong_field_counts_are_refused);
    RUN(a_second_sample_for_the_same_round_is_refused);
    RUN(one_metric_with_two_units_is_refused);
    RUN(a_csv_error_names_the_file);
    RUN(versions_sort_by_number_then_text);
    RUN(metrics_sort_as_the_harness_lists_them);
    RUN(files_that_cannot_be_read_or_hold_binary_data);
    return check_summary();
}
