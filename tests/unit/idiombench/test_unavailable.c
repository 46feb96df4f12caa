/* test_unavailable.c: unavailable.c names every figure a case would give but a Python
 * cannot, and why, as the instruments' table says. The table is faked here (the real
 * one is test_instruments.c's), with the real one's metrics and the probes' answers
 * switchable, so that the Python 2.7 answers are tested on any interpreter. */
#include "check.h"
#include "instruments.h"
#include "unavailable.h"

/* --- the fakes of the probes' availability -------------------------------------- */
static bool have_allocator_api = true, have_tracemalloc = true, have_gc_stats = true,
            have_resource_warning = true;

static bool allocator_api(void)
{
    return have_allocator_api;
}

static bool tracemalloc(void)
{
    return have_tracemalloc;
}

static bool gc_stats(void)
{
    return have_gc_stats;
}

static bool resource_warning(void)
{
    return have_resource_warning;
}

static bool under_callgrind = true;

static bool callgrind(void)
{
    return under_callgrind;
}

static const char *callgrind_missing(void)
{
    return "not running under callgrind";
}

/* --- the fake table: the real instruments' metrics, measuring nothing ------------- */
static const instrument_metric time_metrics[] = {{"time_per_op", "ns", NULL, NULL, NULL}};
static const instrument_metric alloc_metrics[] = {
    {"allocs_per_op", "allocs", allocator_api, "no allocator API", NULL},
    {"bytes_per_op", "bytes", allocator_api, "no allocator API", NULL},
};
static const instrument_metric memory_metrics[] = {
    {"retained_bytes", "bytes", tracemalloc, "no tracemalloc", NULL},
    {"peak_bytes", "bytes", tracemalloc, "no tracemalloc", NULL},
    {"rss_delta_bytes", "bytes", tracemalloc, "no tracemalloc", NULL},
};
static const instrument_metric resource_metrics[] = {
    {"fds_delta", "fds", NULL, NULL, NULL},
    {"resource_warnings", "warnings", resource_warning, "no ResourceWarning", NULL},
    {"gc_collections_gen0", "collections", gc_stats, "no gc.get_stats", NULL},
    {"gc_collections_gen1", "collections", gc_stats, "no gc.get_stats", NULL},
    {"gc_collections_gen2", "collections", gc_stats, "no gc.get_stats", NULL},
    {"gc_collected", "objects", gc_stats, "no gc.get_stats", NULL},
};
static const instrument_metric instruction_metrics[] = {
    {"instructions_per_op", "instructions", callgrind, NULL, callgrind_missing},
};

#define FAKE(NAME, BIT, METRICS)                                                           \
    {.name = NAME, .bit = BIT, .metrics = METRICS,                                         \
     .metric_count = sizeof METRICS / sizeof *METRICS}

static const instrument fake_time = FAKE("time", INSTRUMENT_TIME, time_metrics);
static const instrument fake_allocs = FAKE("allocs", INSTRUMENT_ALLOCS, alloc_metrics);
static const instrument fake_memory = FAKE("memory", INSTRUMENT_MEMORY, memory_metrics);
static const instrument fake_resources =
    FAKE("resources", INSTRUMENT_RESOURCES, resource_metrics);
static const instrument fake_instructions =
    FAKE("instructions", INSTRUMENT_INSTRUCTIONS, instruction_metrics);

const instrument *const instrument_table[] = {&fake_time, &fake_allocs, &fake_memory,
                                              &fake_resources, &fake_instructions};
const size_t instrument_table_size = sizeof instrument_table / sizeof *instrument_table;

static void python_has(bool everything)
{
    have_allocator_api = have_tracemalloc = have_gc_stats = have_resource_warning = everything;
}

/* --- collecting what unavailable_each reports ------------------------------------ */
typedef struct collected {
    char text[2048]; /* "metric=reason;" per call */
    int calls;
    int stop_after; /* return -1 on that call (0: never) */
} collected;

static int collect(void *ctx, const case_def *c, const char *metric, const char *reason)
{
    collected *out = ctx;
    size_t used = strlen(out->text);
    snprintf(out->text + used, sizeof out->text - used, "%s/%s %s=%s;", c->family, c->name,
             metric, reason);
    out->calls++;
    return out->calls == out->stop_after ? -1 : 0;
}

static case_def make_case(unsigned instruments)
{
    case_def c;
    memset(&c, 0, sizeof c);
    c.family = "fam";
    c.name = "c";
    c.instruments = instruments;
    return c;
}

TEST(every_figure_available_reports_nothing)
{
    python_has(true);
    case_def c = make_case(INSTRUMENT_TIME | INSTRUMENT_ALLOCS | INSTRUMENT_MEMORY |
                           INSTRUMENT_RESOURCES);
    collected got = {"", 0, 0};
    CHECK_EQ_INT(unavailable_each(&c, "3.11.7", collect, &got), 0);
    CHECK_EQ_INT(got.calls, 0);
    char reason[128] = "untouched";
    CHECK(!unavailable_metric("allocs_per_op", "3.11.7", reason, sizeof reason));
    CHECK(!unavailable_metric("gc_collected", "3.11.7", reason, sizeof reason));
    CHECK_STR_EQ(reason, "untouched");
}

TEST(python_27_lacks_allocs_memory_warnings_and_gc_stats_in_csv_order)
{
    python_has(false);
    case_def c = make_case(INSTRUMENT_TIME | INSTRUMENT_ALLOCS | INSTRUMENT_MEMORY |
                           INSTRUMENT_RESOURCES);
    collected got = {"", 0, 0};
    CHECK_EQ_INT(unavailable_each(&c, "2.7.18", collect, &got), 0);
    CHECK_STR_EQ(got.text,
                 "fam/c allocs_per_op=no allocator API in Python 2.7.18;"
                 "fam/c bytes_per_op=no allocator API in Python 2.7.18;"
                 "fam/c retained_bytes=no tracemalloc in Python 2.7.18;"
                 "fam/c peak_bytes=no tracemalloc in Python 2.7.18;"
                 "fam/c rss_delta_bytes=no tracemalloc in Python 2.7.18;"
                 "fam/c resource_warnings=no ResourceWarning in Python 2.7.18;"
                 "fam/c gc_collections_gen0=no gc.get_stats in Python 2.7.18;"
                 "fam/c gc_collections_gen1=no gc.get_stats in Python 2.7.18;"
                 "fam/c gc_collections_gen2=no gc.get_stats in Python 2.7.18;"
                 "fam/c gc_collected=no gc.get_stats in Python 2.7.18;");
}

TEST(only_the_instruments_a_case_asks_for_count)
{
    python_has(false);
    case_def timed = make_case(INSTRUMENT_TIME);
    collected got = {"", 0, 0};
    CHECK_EQ_INT(unavailable_each(&timed, "2.7.18", collect, &got), 0);
    CHECK_EQ_INT(got.calls, 0); /* time and fds_delta: every Python gives them */
    case_def allocs = make_case(INSTRUMENT_TIME | INSTRUMENT_ALLOCS);
    CHECK_EQ_INT(unavailable_each(&allocs, "2.7.18", collect, &got), 0);
    CHECK_STR_EQ(got.text, "fam/c allocs_per_op=no allocator API in Python 2.7.18;"
                           "fam/c bytes_per_op=no allocator API in Python 2.7.18;");
}

TEST(instructions_are_missing_for_the_run_not_the_python)
{
    python_has(true);
    under_callgrind = false;
    case_def c = make_case(INSTRUMENT_TIME | INSTRUMENT_INSTRUCTIONS);
    collected got = {"", 0, 0};
    CHECK_EQ_INT(unavailable_each(&c, "3.11.7", collect, &got), 0);
    CHECK_STR_EQ(got.text, "fam/c instructions_per_op=not running under callgrind;");
    under_callgrind = true;
    collected none = {"", 0, 0};
    CHECK_EQ_INT(unavailable_each(&c, "3.11.7", collect, &none), 0);
    CHECK_EQ_INT(none.calls, 0);
}

TEST(metric_reasons_for_the_progress_line)
{
    python_has(false);
    char reason[128] = "";
    CHECK(unavailable_metric("retained_bytes", "2.7.18", reason, sizeof reason));
    CHECK_STR_EQ(reason, "no tracemalloc in Python 2.7.18");
    CHECK(unavailable_metric("resource_warnings", "2.7.18", reason, sizeof reason));
    CHECK_STR_EQ(reason, "no ResourceWarning in Python 2.7.18");
    CHECK(!unavailable_metric("time_per_op", "2.7.18", reason, sizeof reason));
    CHECK(!unavailable_metric("fds_delta", "2.7.18", reason, sizeof reason));
    CHECK(!unavailable_metric("no_such_metric", "2.7.18", reason, sizeof reason));
    have_resource_warning = true; /* 3.2 and 3.3: ResourceWarning, no gc.get_stats */
    CHECK(!unavailable_metric("resource_warnings", "3.3.7", reason, sizeof reason));
    CHECK(unavailable_metric("gc_collections_gen1", "3.3.7", reason, sizeof reason));
    CHECK_STR_EQ(reason, "no gc.get_stats in Python 3.3.7");
}

TEST(a_case_needing_a_newer_python_is_one_star_row_whatever_its_instruments)
{
    python_has(false);
    case_def c = make_case(INSTRUMENT_TIME | INSTRUMENT_ALLOCS | INSTRUMENT_RESOURCES);
    c.min_python_major = 3;
    c.min_python_minor = 6;
    c.min_python_needs = "f-strings";
    collected got = {"", 0, 0};
    CHECK_EQ_INT(unavailable_each(&c, "2.7.18", collect, &got), 0);
    CHECK_STR_EQ(got.text, "fam/c *=needs Python 3.6+ (f-strings);");
    char reason[128] = "";
    CHECK(unavailable_case(&c, "3.5.10", reason, sizeof reason));
    CHECK_STR_EQ(reason, "needs Python 3.6+ (f-strings)");
    CHECK(unavailable_case(&c, "3.5.10", NULL, 0));
    CHECK(!unavailable_case(&c, "3.6.0", reason, sizeof reason));
    CHECK(!unavailable_case(&c, "3.13.0", reason, sizeof reason));
    CHECK(!unavailable_case(&c, "4.0.0", reason, sizeof reason));
}

TEST(versions_compare_as_numbers_not_text)
{
    python_has(true);
    case_def c = make_case(INSTRUMENT_TIME);
    c.min_python_major = 3;
    c.min_python_minor = 9;
    c.min_python_needs = "x";
    CHECK(!unavailable_case(&c, "3.10.13", NULL, 0));
    c.min_python_minor = 12;
    CHECK(unavailable_case(&c, "3.9.18", NULL, 0));
    CHECK(unavailable_case(&c, "3.2.0", NULL, 0));
    c.min_python_needs = NULL; /* no min_python: runs everywhere */
    CHECK(!unavailable_case(&c, "2.7.18", NULL, 0));
}

TEST(the_callback_can_stop_the_listing)
{
    python_has(false);
    case_def c = make_case(INSTRUMENT_ALLOCS | INSTRUMENT_MEMORY);
    collected got = {"", 0, 2};
    CHECK_EQ_INT(unavailable_each(&c, "2.7.18", collect, &got), -1);
    CHECK_EQ_INT(got.calls, 2);
    c.min_python_major = 3;
    c.min_python_minor = 6;
    c.min_python_needs = "f-strings";
    collected star = {"", 0, 1};
    CHECK_EQ_INT(unavailable_each(&c, "2.7.18", collect, &star), -1);
}

TEST(an_instrument_is_unavailable_when_it_can_give_no_figure)
{
    python_has(false);
    char reason[128] = "untouched";
    CHECK(!unavailable_instrument(&fake_time, "2.7.18", reason, sizeof reason));
    CHECK(!unavailable_instrument(&fake_resources, "2.7.18", reason, sizeof reason));
    CHECK_STR_EQ(reason, "untouched"); /* fds_delta: it runs, without the others */
    CHECK(unavailable_instrument(&fake_allocs, "2.7.18", reason, sizeof reason));
    CHECK_STR_EQ(reason, "no allocator API in Python 2.7.18");
    CHECK(unavailable_instrument(&fake_memory, "2.7.18", reason, sizeof reason));
    CHECK_STR_EQ(reason, "no tracemalloc in Python 2.7.18");
    under_callgrind = false;
    CHECK(unavailable_instrument(&fake_instructions, "3.11.7", reason, sizeof reason));
    CHECK_STR_EQ(reason, "not running under callgrind");
    under_callgrind = true;
    python_has(true);
    CHECK(!unavailable_instrument(&fake_allocs, "3.11.7", reason, sizeof reason));
}

int main(void)
{
    RUN(every_figure_available_reports_nothing);
    RUN(python_27_lacks_allocs_memory_warnings_and_gc_stats_in_csv_order);
    RUN(only_the_instruments_a_case_asks_for_count);
    RUN(instructions_are_missing_for_the_run_not_the_python);
    RUN(metric_reasons_for_the_progress_line);
    RUN(a_case_needing_a_newer_python_is_one_star_row_whatever_its_instruments);
    RUN(versions_compare_as_numbers_not_text);
    RUN(the_callback_can_stop_the_listing);
    RUN(an_instrument_is_unavailable_when_it_can_give_no_figure);
    return check_summary();
}
