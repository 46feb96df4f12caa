/* test_instruments.c: the table of instruments (instruments.c): its order, names, bits
 * and metrics, which are the rows of measurements.csv, and the names the catalogue and
 * --instruments read from it. */
#include "catalogue.h"
#include "check.h"
#include "instruments.h"
#include "probe_instructions.h"
#include "unavailable.h"

/* Every metric of the table, in its order, "name unit;" each. */
static void metrics_text(char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < instrument_table_size; i++) {
        const instrument *inst = instrument_table[i];
        for (size_t m = 0; m < inst->metric_count && used < size; m++)
            used += (size_t)snprintf(out + used, size - used, "%s %s;", inst->metrics[m].name,
                                     inst->metrics[m].unit);
    }
}

TEST(the_table_runs_time_allocs_memory_resources_then_instructions)
{
    static const char *const names[] = {"time", "allocs", "memory", "resources",
                                        "instructions"};
    static const unsigned bits[] = {INSTRUMENT_TIME, INSTRUMENT_ALLOCS, INSTRUMENT_MEMORY,
                                    INSTRUMENT_RESOURCES, INSTRUMENT_INSTRUCTIONS};
    static const stage_pass passes[] = {STAGE_CALIBRATE, STAGE_ALLOCS, STAGE_MEMORY,
                                        STAGE_RESOURCES, STAGE_INSTRUCTIONS};
    REQUIRE(instrument_table_size == sizeof names / sizeof *names);
    for (size_t i = 0; i < instrument_table_size; i++) {
        CHECK_STR_EQ(instrument_table[i]->name, names[i]);
        CHECK_EQ_INT((int)instrument_table[i]->bit, (int)bits[i]);
        CHECK_EQ_INT((int)instrument_table[i]->pass, (int)passes[i]);
        CHECK(instrument_table[i]->measure != NULL);
        CHECK_EQ_INT(instrument_table[i]->run_level, i == 4);
    }
}

/* instrument_list.def makes the table, the bits and the passes: the i-th instrument has
 * bit i and the i-th instrument pass (time's pass starts as calibration). */
TEST(each_instrument_has_the_bit_and_pass_of_its_line_in_the_list)
{
    REQUIRE(instrument_table_size == INSTRUMENT_COUNT);
    for (size_t i = 0; i < instrument_table_size; i++) {
        CHECK_EQ_INT((int)instrument_table[i]->bit, 1 << i);
        if (instrument_table[i]->pass != STAGE_CALIBRATE)
            CHECK_EQ_INT((int)instrument_table[i]->pass, (int)(STAGE_TIME + i));
    }
    CHECK_EQ_INT(INSTRUMENT_LAST, 1 << (INSTRUMENT_COUNT - 1));
}

TEST(names_and_bits_are_unique_and_each_bit_is_one_bit)
{
    for (size_t i = 0; i < instrument_table_size; i++) {
        unsigned bit = instrument_table[i]->bit;
        CHECK(bit != 0 && (bit & (bit - 1)) == 0);
        for (size_t j = i + 1; j < instrument_table_size; j++) {
            CHECK(strcmp(instrument_table[i]->name, instrument_table[j]->name) != 0);
            CHECK(instrument_table[i]->bit != instrument_table[j]->bit);
        }
    }
}

TEST(the_metrics_are_measurements_csv_rows_in_order_with_their_units)
{
    char text[1024];
    metrics_text(text, sizeof text);
    CHECK_STR_EQ(text, "time_per_op ns;"
                       "allocs_per_op allocs;bytes_per_op bytes;"
                       "retained_bytes bytes;peak_bytes bytes;rss_delta_bytes bytes;"
                       "fds_delta fds;resource_warnings warnings;"
                       "gc_collections_gen0 collections;gc_collections_gen1 collections;"
                       "gc_collections_gen2 collections;gc_collected objects;"
                       "instructions_per_op instructions;");
    for (size_t i = 0; i < instrument_table_size; i++) {
        const instrument *inst = instrument_table[i];
        CHECK(inst->metric_count >= 1 && inst->metric_count <= INSTRUMENT_MAX_METRICS);
        for (size_t m = 0; m < inst->metric_count; m++) /* a reason when unavailable */
            CHECK(inst->metrics[m].available == NULL || inst->metrics[m].lacks != NULL ||
                  inst->metrics[m].why != NULL);
    }
}

TEST(this_python_gives_every_metric_but_instructions_outside_callgrind)
{
    char reason[256] = "";
    for (size_t i = 0; i < instrument_table_size; i++) {
        const instrument *inst = instrument_table[i];
        bool expected = inst->bit == INSTRUMENT_INSTRUCTIONS && !probe_instructions_available();
        CHECK_EQ_INT(unavailable_instrument(inst, "3.11.7", reason, sizeof reason), expected);
    }
    CHECK(unavailable_metric("instructions_per_op", "3.11.7", reason, sizeof reason));
    CHECK_STR_EQ(reason, probe_instructions_missing());
    CHECK(!unavailable_metric("gc_collected", "3.11.7", reason, sizeof reason));
}

TEST(names_resolve_for_the_catalogue_and_instruments_option)
{
    unsigned all = 0, parsed = 0;
    char err[256] = "";
    for (size_t i = 0; i < instrument_table_size; i++) {
        const instrument *inst = instrument_table[i];
        CHECK(instruments_named(inst->name, strlen(inst->name)) == inst);
        CHECK(instruments_of_bit(inst->bit) == inst);
        CHECK_STR_EQ(catalogue_instrument_name(inst->bit), inst->name);
        CHECK_EQ_INT(catalogue_parse_instruments(inst->name, &parsed, err, sizeof err), 0);
        CHECK_EQ_INT((int)parsed, (int)inst->bit);
        all |= inst->bit;
    }
    CHECK_EQ_INT(catalogue_parse_instruments("time,allocs,memory,resources,instructions",
                                             &parsed, err, sizeof err), 0);
    CHECK_EQ_INT((int)parsed, (int)all);
    CHECK(instruments_named("timer", 4) == instruments_named("time", 4)); /* a prefix */
    CHECK(instruments_named("tim", 3) == NULL);
    CHECK(instruments_of_bit(0) == NULL);
}

TEST(the_lists_of_names_in_messages)
{
    char list[256];
    instruments_list(false, list, sizeof list);
    CHECK_STR_EQ(list, "time, allocs, memory, resources");
    instruments_list(true, list, sizeof list);
    CHECK_STR_EQ(list, "time, allocs, memory, resources, instructions");
    char small[12];
    instruments_list(true, small, sizeof small); /* cut, still a string */
    CHECK_STR_EQ(small, "time, alloc");
}

int main(void)
{
    RUN(the_table_runs_time_allocs_memory_resources_then_instructions);
    RUN(each_instrument_has_the_bit_and_pass_of_its_line_in_the_list);
    RUN(names_and_bits_are_unique_and_each_bit_is_one_bit);
    RUN(the_metrics_are_measurements_csv_rows_in_order_with_their_units);
    RUN(this_python_gives_every_metric_but_instructions_outside_callgrind);
    RUN(names_resolve_for_the_catalogue_and_instruments_option);
    RUN(the_lists_of_names_in_messages);
    return check_summary();
}
