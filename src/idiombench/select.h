/* select.h: which cases of the catalogue a run measures (--filter). */
#ifndef IDIOMBENCH_SELECT_H
#define IDIOMBENCH_SELECT_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"

/* Marks in chosen[i] whether case i's "family/case" matches the extended regex
 * pattern (every case when pattern is NULL) and counts them in *count.
 * Returns 0, or -1 with one line in err when the pattern is invalid or matches none. */
int select_cases(const catalogue *cat, const char *pattern, bool *chosen, size_t *count,
                 char *err, size_t err_size);

#endif
