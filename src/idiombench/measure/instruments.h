/* instruments.h: the table of every instrument, and its names. */
#ifndef IDIOMBENCH_INSTRUMENTS_H
#define IDIOMBENCH_INSTRUMENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "instrument.h"

/* Every instrument, in the order a case's passes run (and its rows are written). */
extern const instrument *const instrument_table[];
extern const size_t instrument_table_size;

/* The instrument named by the first length bytes of name, or NULL. */
const instrument *instruments_named(const char *name, size_t length);

/* The instrument of an INSTRUMENT_* bit, or NULL. */
const instrument *instruments_of_bit(unsigned bit);

/* The names in the table's order, ", " between them, into out: those a case may declare,
 * and the run-level ones too when run_level. */
void instruments_list(bool run_level, char *out, size_t size);

#endif
