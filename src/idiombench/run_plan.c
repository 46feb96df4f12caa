/* run_plan.c: the units of a run, from the catalogue and the choice of cases. */
/* pyutil.h (Python.h) before every other header: 2.7's pyconfig.h defines
 * _POSIX_C_SOURCE and _XOPEN_SOURCE, which a system header would define first. */
#include "pyutil.h"
#include "run_plan.h"
#include "unavailable.h"

#include <stdlib.h>
#include <string.h>

int run_plan_restrict_instruments(catalogue *cat, const char *list, bool *chosen, char *err,
                                  size_t err_size)
{
    unsigned bits;
    if (list == NULL)
        return 0;
    if (catalogue_parse_instruments(list, &bits, err, err_size) != 0)
        return -1;
    for (size_t i = 0; i < cat->count; i++) {
        cat->cases[i].instruments =
            (cat->cases[i].instruments | (bits & INSTRUMENT_INSTRUCTIONS)) & bits;
        if (cat->cases[i].instruments == 0)
            chosen[i] = false;
    }
    return 0;
}

size_t run_plan_units_of(const case_def *c)
{
    if (c->sizes == NULL || unavailable_case(c, pyutil_version(), NULL, 0))
        return 1;
    return c->size_count;
}

size_t run_plan_count_units(const catalogue *cat, const bool *chosen)
{
    size_t units = 0;
    for (size_t i = 0; i < cat->count; i++)
        if (chosen[i])
            units += run_plan_units_of(&cat->cases[i]);
    return units;
}

isolate_unit *run_plan_list_units(const catalogue *cat, const bool *chosen, size_t count)
{
    isolate_unit *units = calloc(count ? count : 1, sizeof *units);
    size_t listed = 0;
    for (size_t i = 0; units != NULL && i < cat->count; i++) {
        const case_def *c = &cat->cases[i];
        bool runs = !unavailable_case(c, pyutil_version(), NULL, 0);
        for (size_t k = 0; chosen[i] && k < run_plan_units_of(c); k++) {
            isolate_unit unit = {c, c->sizes && runs ? c->sizes[k] : -1, NULL};
            units[listed++] = unit;
        }
    }
    return units;
}

/* True when a case of the family is chosen. */
static bool family_chosen(const catalogue *cat, const bool *chosen, const char *family)
{
    for (size_t i = 0; i < cat->count; i++)
        if (chosen[i] && strcmp(cat->cases[i].family, family) == 0)
            return true;
    return false;
}

isolate_unit *run_plan_list_observations(const catalogue *cat, const bool *chosen,
                                         size_t *count)
{
    isolate_unit *units = calloc(cat->observation_count + 1, sizeof *units);
    *count = 0;
    for (size_t i = 0; units != NULL && i < cat->observation_count; i++) {
        const observation_def *o = &cat->observations[i];
        if (family_chosen(cat, chosen, o->family)) {
            isolate_unit unit = {NULL, -1, o};
            units[(*count)++] = unit;
        }
    }
    return units;
}
