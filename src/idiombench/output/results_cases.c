/* results_cases.c: one row of cases.csv per selected case. */
#include "results_cases.h"
#include "atomic_file.h"
#include "case_digest.h"
#include "csv.h"
#include "schema.h"

int results_cases_write(const catalogue *cat, const bool *chosen,
                        const char *python_version, const char *path)
{
    atomic_file file;
    if (atomic_file_open(&file, path) != 0)
        return -1;
    fputs(CASES_COLUMNS "\n", file.stream);
    for (size_t i = 0; i < cat->count; i++) {
        if (!chosen[i])
            continue;
        char definition[17];
        case_digest_text(&cat->cases[i], definition);
        csv_field(file.stream, python_version);
        fputc(',', file.stream);
        csv_field(file.stream, cat->cases[i].family);
        fputc(',', file.stream);
        csv_field(file.stream, cat->cases[i].name);
        fprintf(file.stream, ",%s\n", definition);
    }
    return atomic_file_commit(&file);
}
