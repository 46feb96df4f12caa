/* instruments.c: the table of the instruments (instrument.h), in the order they run:
 * instrument_list.def's. */
#include "instruments.h"

#include <stdio.h>
#include <string.h>

#define INSTRUMENT(ID, name, pass_name) extern const instrument instrument_##name;
#include "instrument_list.def"
#undef INSTRUMENT

const instrument *const instrument_table[] = {
#define INSTRUMENT(ID, name, pass_name) &instrument_##name,
#include "instrument_list.def"
#undef INSTRUMENT
};

const size_t instrument_table_size = sizeof instrument_table / sizeof *instrument_table;

const instrument *instruments_named(const char *name, size_t length)
{
    for (size_t i = 0; i < instrument_table_size; i++) {
        const char *known = instrument_table[i]->name;
        if (strlen(known) == length && strncmp(known, name, length) == 0)
            return instrument_table[i];
    }
    return NULL;
}

const instrument *instruments_of_bit(unsigned bit)
{
    for (size_t i = 0; i < instrument_table_size; i++)
        if (instrument_table[i]->bit == bit)
            return instrument_table[i];
    return NULL;
}

void instruments_list(bool run_level, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < instrument_table_size && used < size; i++) {
        if (instrument_table[i]->run_level && !run_level)
            continue;
        int wrote = snprintf(out + used, size - used, "%s%s", used > 0 ? ", " : "",
                             instrument_table[i]->name);
        used += wrote > 0 ? (size_t)wrote : 0;
    }
}
