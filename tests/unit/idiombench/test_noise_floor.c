/* test_noise_floor.c: noise_floor.c times the empty loop before and after, and puts its
 * cv, drift and method into meta; the figures are checked against the timings kept. */
#include "check.h"
#include "embed.h"
#include "noise_floor.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#define TARGET_NS 200000 /* 0.2 ms loops: the test stays fast */

/* meta's value for key, or NULL. */
static const char *meta_value(const meta_list *meta, const char *key)
{
    for (size_t i = 0; i < meta->count; i++)
        if (strcmp(meta->entries[i].key, key) == 0)
            return meta->entries[i].value;
    return NULL;
}

TEST(both_probes_time_the_empty_loop_at_one_calibrated_count)
{
    noise_floor nf;
    REQUIRE(noise_floor_before(&nf, TARGET_NS) == 0);
    CHECK(nf.loops >= 1);
    long loops = nf.loops;
    REQUIRE(noise_floor_after(&nf) == 0);
    CHECK_EQ_INT(nf.loops, loops);
    CHECK_EQ_INT(nf.before_count, NOISE_FLOOR_SAMPLES);
    CHECK_EQ_INT(nf.after_count, NOISE_FLOOR_SAMPLES);
    for (size_t i = 0; i < NOISE_FLOOR_SAMPLES; i++)
        CHECK(nf.before_ns[i] > 0.0 && nf.after_ns[i] > 0.0);
}

TEST(meta_gets_the_cv_of_all_timings_and_the_drift_of_the_medians)
{
    noise_floor nf;
    REQUIRE(noise_floor_before(&nf, TARGET_NS) == 0);
    REQUIRE(noise_floor_after(&nf) == 0);
    meta_list meta = {0};
    REQUIRE(noise_floor_add_meta(&nf, &meta) == 0);
    double all[2 * NOISE_FLOOR_SAMPLES];
    memcpy(all, nf.before_ns, sizeof nf.before_ns);
    memcpy(all + NOISE_FLOOR_SAMPLES, nf.after_ns, sizeof nf.after_ns);
    summary pooled, before, after;
    REQUIRE(stats_summarize(all, 2 * NOISE_FLOOR_SAMPLES, &pooled) == 0);
    REQUIRE(stats_summarize(nf.before_ns, NOISE_FLOOR_SAMPLES, &before) == 0);
    REQUIRE(stats_summarize(nf.after_ns, NOISE_FLOOR_SAMPLES, &after) == 0);
    char want[64];
    snprintf(want, sizeof want, "%.2f", pooled.cv * 100.0);
    REQUIRE(meta_value(&meta, "noise_floor_cv_pct") != NULL);
    CHECK_STR_EQ(meta_value(&meta, "noise_floor_cv_pct"), want);
    snprintf(want, sizeof want, "%+.2f", (after.median / before.median - 1.0) * 100.0);
    REQUIRE(meta_value(&meta, "noise_floor_drift_pct") != NULL);
    CHECK_STR_EQ(meta_value(&meta, "noise_floor_drift_pct"), want);
    const char *method = meta_value(&meta, "noise_floor_method");
    REQUIRE(method != NULL);
    CHECK_STR_STARTS(method, "cv of 20 timings of the empty loop (10 before the cases, 10 after)");
    results_meta_free(&meta);
}

TEST(without_the_second_probe_there_is_no_drift)
{
    noise_floor nf;
    REQUIRE(noise_floor_before(&nf, TARGET_NS) == 0);
    meta_list meta = {0};
    REQUIRE(noise_floor_add_meta(&nf, &meta) == 0);
    CHECK(meta_value(&meta, "noise_floor_cv_pct") != NULL);
    CHECK(meta_value(&meta, "noise_floor_drift_pct") == NULL);
    results_meta_free(&meta);
}

int main(void)
{
    embed_start();
    RUN(both_probes_time_the_empty_loop_at_one_calibrated_count);
    RUN(meta_gets_the_cv_of_all_timings_and_the_drift_of_the_medians);
    RUN(without_the_second_probe_there_is_no_drift);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
