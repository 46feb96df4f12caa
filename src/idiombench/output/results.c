/* results.c: growing arrays of result rows (with their samples) and failures. */
#include "results.h"
#include "catalogue.h"

#include <stdlib.h>
#include <string.h>

int results_init(results *r, const char *python_version)
{
    memset(r, 0, sizeof *r);
    r->python_version = strdup(python_version);
    return r->python_version ? 0 : -1;
}

result_key results_key_of_case(const case_def *c, long n)
{
    result_key key = {c->family, c->name, c->sizes != NULL ? n : -1};
    return key;
}

int results_add_row(results *r, result_key key, const char *metric, const char *unit,
                    const summary *figures, long loops)
{
    return results_add_sampled_row(r, key, metric, unit, figures, NULL, 0, loops);
}

int results_add_sampled_row(results *r, result_key key, const char *metric,
                            const char *unit, const summary *figures,
                            const double *samples, size_t sample_count, long loops)
{
    result_row *grown = realloc(r->rows, (r->row_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    r->rows = grown;
    result_row row = {strdup(key.family), strdup(key.case_name), key.n, metric, unit,
                      *figures, loops, NULL, sample_count};
    if (sample_count > 0 && (row.samples = malloc(sample_count * sizeof *samples)) != NULL)
        memcpy(row.samples, samples, sample_count * sizeof *samples);
    if (row.family == NULL || row.case_name == NULL ||
        (sample_count > 0 && row.samples == NULL)) {
        free(row.family);
        free(row.case_name);
        free(row.samples);
        return -1;
    }
    r->rows[r->row_count++] = row;
    return 0;
}

int results_add_failure(results *r, result_key key, const char *stage, const char *error,
                        const char *traceback)
{
    failure_row *grown = realloc(r->failures, (r->failure_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    r->failures = grown;
    failure_row row = {strdup(key.family), strdup(key.case_name), key.n, strdup(stage),
                       strdup(error), strdup(traceback ? traceback : "")};
    if (!row.family || !row.case_name || !row.stage || !row.error || !row.traceback) {
        free(row.family);
        free(row.case_name);
        free(row.stage);
        free(row.error);
        free(row.traceback);
        return -1;
    }
    r->failures[r->failure_count++] = row;
    return 0;
}

int results_add_observation(results *r, const char *family, const char *name,
                            const char *value, const char *error)
{
    observation_row *grown =
        realloc(r->observations, (r->observation_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    r->observations = grown;
    observation_row row = {strdup(family), strdup(name), strdup(value ? value : ""),
                           strdup(error ? error : "")};
    if (!row.family || !row.name || !row.value || !row.error) {
        free(row.family);
        free(row.name);
        free(row.value);
        free(row.error);
        return -1;
    }
    r->observations[r->observation_count++] = row;
    return 0;
}

int results_add_unavailable(results *r, const char *family, const char *case_name,
                            const char *metric, const char *reason)
{
    unavailable_row *grown =
        realloc(r->unavailable, (r->unavailable_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    r->unavailable = grown;
    unavailable_row row = {strdup(family), strdup(case_name), strdup(metric), strdup(reason)};
    if (!row.family || !row.case_name || !row.metric || !row.reason) {
        free(row.family);
        free(row.case_name);
        free(row.metric);
        free(row.reason);
        return -1;
    }
    r->unavailable[r->unavailable_count++] = row;
    return 0;
}

void results_free(results *r)
{
    for (size_t i = 0; i < r->row_count; i++) {
        free(r->rows[i].family);
        free(r->rows[i].case_name);
        free(r->rows[i].samples);
    }
    for (size_t i = 0; i < r->failure_count; i++) {
        failure_row *f = &r->failures[i];
        free(f->family);
        free(f->case_name);
        free(f->stage);
        free(f->error);
        free(f->traceback);
    }
    for (size_t i = 0; i < r->observation_count; i++) {
        observation_row *o = &r->observations[i];
        free(o->family);
        free(o->name);
        free(o->value);
        free(o->error);
    }
    for (size_t i = 0; i < r->unavailable_count; i++) {
        unavailable_row *u = &r->unavailable[i];
        free(u->family);
        free(u->case_name);
        free(u->metric);
        free(u->reason);
    }
    free(r->rows);
    free(r->failures);
    free(r->observations);
    free(r->unavailable);
    free(r->python_version);
    memset(r, 0, sizeof *r);
}
