/* results_cases.h: cases.csv, the fingerprint of each case a run selected, by which
 * make merge tells whether two runs measured the same cases. */
#ifndef IDIOMBENCH_RESULTS_CASES_H
#define IDIOMBENCH_RESULTS_CASES_H

#include <stdbool.h>

#include "catalogue.h"

/* Writes python_version,family,case,definition for every case of cat that chosen
 * marks (chosen[i] for cat->cases[i]), a skipped one included: definition is
 * case_digest_text's 16 hex digits. Whole or not at all: returns 0, or -1 with errno
 * set. */
int results_cases_write(const catalogue *cat, const bool *chosen,
                        const char *python_version, const char *path);

#endif
