/* results_csv.c: one row per python, family, case, n and metric. */
#include "results_csv.h"
#include "atomic_file.h"
#include "csv.h"

#include <string.h>

void results_csv_measurement(FILE *out, const char *python_version, const result_row *row)
{
    csv_write_key(out, python_version, row->family, row->case_name, row->n);
    csv_write_figures(out, row->metric, row->unit, &row->figures, row->loops);
}

void results_csv_samples(FILE *out, const char *python_version, const result_row *row)
{
    for (size_t k = 0; k < row->sample_count; k++) {
        csv_write_key(out, python_version, row->family, row->case_name, row->n);
        fprintf(out, ",%s,%s,%zu,%.9g,%ld\n", row->metric, row->unit, k + 1, row->samples[k],
                row->loops);
    }
}

void results_csv_failure(FILE *out, const char *python_version, const failure_row *f)
{
    csv_write_key(out, python_version, f->family, f->case_name, f->n);
    fputc(',', out);
    csv_field(out, f->stage);
    fputc(',', out);
    csv_field(out, f->error);
    fputc(',', out);
    csv_field(out, f->traceback);
    fputc('\n', out);
}

int results_csv_write_measurements(const results *r, const char *path)
{
    atomic_file file;
    if (atomic_file_open(&file, path) != 0)
        return -1;
    fputs(MEASUREMENTS_COLUMNS "\n", file.stream);
    for (size_t i = 0; i < r->row_count; i++)
        results_csv_measurement(file.stream, r->python_version, &r->rows[i]);
    return atomic_file_commit(&file);
}

int results_csv_write_samples(const results *r, const char *path)
{
    atomic_file file;
    if (atomic_file_open(&file, path) != 0)
        return -1;
    fputs(SAMPLES_COLUMNS "\n", file.stream);
    for (size_t i = 0; i < r->row_count; i++)
        results_csv_samples(file.stream, r->python_version, &r->rows[i]);
    return atomic_file_commit(&file);
}

int results_csv_write_failures(const results *r, const char *path)
{
    atomic_file file;
    if (atomic_file_open(&file, path) != 0)
        return -1;
    fputs(FAILURES_COLUMNS "\n", file.stream);
    for (size_t i = 0; i < r->failure_count; i++)
        results_csv_failure(file.stream, r->python_version, &r->failures[i]);
    return atomic_file_commit(&file);
}

/* One record of count text fields. */
static void write_record(FILE *out, const char *const *fields, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        if (k > 0)
            fputc(',', out);
        csv_field(out, fields[k]);
    }
    fputc('\n', out);
}

int results_csv_write_observations(const results *r, const char *path)
{
    atomic_file file;
    if (atomic_file_open(&file, path) != 0)
        return -1;
    fputs(OBSERVATIONS_COLUMNS "\n", file.stream);
    for (size_t i = 0; i < r->observation_count; i++) {
        const observation_row *o = &r->observations[i];
        const char *fields[] = {r->python_version, o->family, o->name, o->value, o->error};
        write_record(file.stream, fields, sizeof fields / sizeof *fields);
    }
    return atomic_file_commit(&file);
}

int results_csv_write_unavailable(const results *r, const char *path)
{
    atomic_file file;
    if (atomic_file_open(&file, path) != 0)
        return -1;
    fputs(UNAVAILABLE_COLUMNS "\n", file.stream);
    for (size_t i = 0; i < r->unavailable_count; i++) {
        const unavailable_row *u = &r->unavailable[i];
        const char *fields[] = {r->python_version, u->family, u->case_name, u->metric,
                                u->reason};
        write_record(file.stream, fields, sizeof fields / sizeof *fields);
    }
    return atomic_file_commit(&file);
}
