/* test_compare_table.c: the terminal table, line for line (golden output), its units and
 * marks, and its width with ten versions. */
#include "check.h"
#include "compare_fixture.h"
#include "compare_table.h"
#include "sandbox.h"

typedef struct printing {
    const compare_fixture *fixture;
    table_scope scope;
} printing;

static void print_table(FILE *out, const void *arg)
{
    const printing *p = arg;
    if (compare_table_print(out, &p->fixture->set, &p->fixture->comparisons, p->scope) != 0)
        fputs("(out of memory)", out);
}

static char *table_of(const compare_fixture *f, table_scope scope)
{
    printing p = {f, scope};
    return sandbox_capture(print_table, &p);
}

TEST(time_table_of_the_fixture)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, compare_fixture_csv, "3.11.7") == 0);
    char *text = table_of(&f, TABLE_TIME);
    CHECK_STR_EQ(text,
        "time_per_op: median on 3.11.7, and each version's ratio to it (of geometric means; "
        "of means if a sample is <= 0)\n"
        "case               3.11.7   3.12.1   3.13.0\n"
        "identity/is_none    10 ns   1.20x+   0.80x-\n"
        "faster                          0        1 \n"
        "slower                          1        0 \n"
        "no difference                   0        0 \n"
        "+ slower, - faster than 3.11.7 beyond the noise (95% CI of the ratio excludes 1); "
        "no mark: no difference; ?: under 2 samples; n/a: no ratio; \xE2\x80\x94: not "
        "measured\n");
    free(text);
    compare_fixture_free(&f);
}

TEST(all_metrics_mark_missing_versions_and_insufficient_data)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, compare_fixture_csv, "3.11.7") == 0);
    char *text = table_of(&f, TABLE_ALL);
    CHECK_STR_CONTAINS(text, "\nallocs_per_op: median on 3.11.7");
    CHECK_STR_CONTAINS(text, "copying/deep              \xE2\x80\x94     n/a?        "
                             "\xE2\x80\x94\n");
    CHECK_STR_CONTAINS(text, "identity/is_none   0 allocs     n/a?        \xE2\x80\x94\n");
    CHECK_STR_CONTAINS(text, "insufficient data                 2        0 \n");
    CHECK_STR_CONTAINS(text, "+ higher, - lower than 3.11.7");
    CHECK_STR_CONTAINS(text, "strings/join n=10        80 B   1.00x         \xE2\x80\x94\n");
    CHECK_STR_CONTAINS(text, "strings/join n=1000  7.81 KiB        \xE2\x80\x94");
    free(text);
    compare_fixture_free(&f);
}

TEST(no_table_prints_nothing_and_no_time_says_so)
{
    compare_fixture f;
    REQUIRE(compare_fixture_load(&f, SAMPLES_COLUMNS "\na,f,c,,fds_delta,fds,1,0,1\n", "a") == 0);
    char *text = table_of(&f, TABLE_NONE);
    CHECK_STR_EQ(text, "");
    free(text);
    text = table_of(&f, TABLE_TIME);
    CHECK_STR_EQ(text, "no time_per_op samples to compare\n");
    free(text);
    compare_fixture_free(&f);
}

/* A samples.csv with the given versions (the first is the baseline) of one case whose
 * times are baseline_ns × each factor, at two rounds that differ by 1%. */
static char *times_csv(const char *const *versions, size_t count, const char *name,
                       double baseline_ns, const double *factors)
{
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    if (out == NULL)
        return NULL;
    fputs(SAMPLES_COLUMNS "\n", out);
    for (size_t v = 0; v < count; v++)
        for (int round = 1; round <= 2; round++)
            fprintf(out, "%s,fam,%s,,time_per_op,ns,%d,%.17g,1\n", versions[v], name, round,
                    baseline_ns * factors[v] * (round == 1 ? 1.0 : 1.01));
    fclose(out);
    return text;
}

TEST(readable_units_and_ratios)
{
    static const char *const versions[] = {"base", "v2", "v3", "v4"};
    static const double factors[] = {1.0, 123.0, 0.004, 1.0};
    char *csv = times_csv(versions, 4, "slow", 1500.0, factors);
    compare_fixture f;
    REQUIRE(csv != NULL && compare_fixture_load(&f, csv, "base") == 0);
    char *text = table_of(&f, TABLE_TIME);
    /* geometric means of (1, 1.01) × factor: ratios exactly the factors */
    CHECK_STR_CONTAINS(text, "fam/slow           1.51 \xC2\xB5s    123x+  0.004x-   1.00x \n");
    free(text);
    compare_fixture_free(&f);
    free(csv);
    static const double slower[] = {1.0, 1.5, 1.0, 1.0};
    csv = times_csv(versions, 4, "x", 2.5e6, slower);
    REQUIRE(csv != NULL && compare_fixture_load(&f, csv, "base") == 0);
    text = table_of(&f, TABLE_TIME);
    CHECK_STR_CONTAINS(text, "fam/x              2.51 ms");
    free(text);
    compare_fixture_free(&f);
    free(csv);
}

TEST(ten_versions_fit_in_160_columns_even_with_long_names)
{
    static const char *const versions[] = {"3.11.7", "3.6.15", "3.7.16", "3.8.18", "3.9.18",
                                           "3.10.13", "3.11.2", "3.11.7#2", "3.12.1",
                                           "3.13.0"};
    static const double factors[] = {1, 1.1, 1.2, 1.3, 0.9, 0.8, 1, 1, 0.7, 0.6};
    char name[200];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    char *csv = times_csv(versions, 10, name, 123456.0, factors);
    compare_fixture f;
    REQUIRE(csv != NULL && compare_fixture_load(&f, csv, "3.11.7") == 0);
    char *text = table_of(&f, TABLE_TIME);
    REQUIRE(text != NULL);
    int line_number = 0;
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        int columns = 0;
        for (const unsigned char *p = (const unsigned char *)line; *p; p++)
            columns += (*p & 0xC0) != 0x80;
        line_number++;
        if (!CHECK(columns <= TABLE_WIDTH))
            printf("    line %d has %d columns\n", line_number, columns);
        if (line_number == 3) {
            CHECK_STR_STARTS(line, "fam/nnnn");
            CHECK_STR_CONTAINS(line, "n\xE2\x80\xA6  124 \xC2\xB5s   1.10x+");
        }
    }
    free(text);
    compare_fixture_free(&f);
    free(csv);
}

int main(void)
{
    RUN(time_table_of_the_fixture);
    RUN(all_metrics_mark_missing_versions_and_insufficient_data);
    RUN(no_table_prints_nothing_and_no_time_says_so);
    RUN(readable_units_and_ratios);
    RUN(ten_versions_fit_in_160_columns_even_with_long_names);
    return check_summary();
}
