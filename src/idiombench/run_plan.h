/* run_plan.h: what a run measures, from the catalogue and the cases chosen: the
 * --instruments restriction, then the units (a case at a size, an observation) that
 * isolate.h runs. */
#ifndef IDIOMBENCH_RUN_PLAN_H
#define IDIOMBENCH_RUN_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "catalogue.h"
#include "isolate.h"

/* --instruments: each case keeps only the instruments listed; a case left with none
 * is not chosen. instructions, which no case declares, is given to every case when
 * listed. list NULL: nothing changes. Returns 0, or -1 with one line in err. */
int run_plan_restrict_instruments(catalogue *cat, const char *list, bool *chosen, char *err,
                                  size_t err_size);

/* Steps of the run for case c: one per size, or one when it does not scale or does not
 * run on this Python at all. Needs a running interpreter (its version). */
size_t run_plan_units_of(const case_def *c);

/* The steps of every chosen case. */
size_t run_plan_count_units(const catalogue *cat, const bool *chosen);

/* Every chosen case at every size, in catalogue order: count units (count_units's),
 * malloc'd; NULL: no memory. A case that does not scale, or does not run on this
 * Python, has n -1. */
isolate_unit *run_plan_list_units(const catalogue *cat, const bool *chosen, size_t count);

/* The observations of every family with a chosen case (malloc'd, *count of them; NULL:
 * no memory). */
isolate_unit *run_plan_list_observations(const catalogue *cat, const bool *chosen,
                                         size_t *count);

#endif
