/* compare_options.h: idiombench-compare's command line, validated; owns --help. */
#ifndef IDIOMBENCH_COMPARE_OPTIONS_H
#define IDIOMBENCH_COMPARE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "compare_table.h"

#define DEFAULT_CONFIDENCE 0.95

/* Exit statuses, as --help documents them. */
enum compare_exit_status {
    COMPARE_EXIT_OK = 0,
    COMPARE_EXIT_USAGE = 2, /* bad option, samples file, baseline or output: nothing written */
};

typedef struct compare_options {
    bool help;
    const char *samples_path;      /* --samples: required */
    const char *baseline;          /* --baseline: a python_version label; required */
    const char *measurements_path; /* each output: NULL when not asked for */
    const char *comparison_path;
    const char *complexity_path;
    table_scope table;             /* --table time|all|none; default time */
    double confidence;             /* --confidence, 0 < c < 1; default 0.95 */
} compare_options;

/* Parses argv. Returns 0, or -1 with one line naming the bad argument and the fix in
 * err. With --help, the other options are not checked. */
int compare_options_parse(int argc, char **argv, compare_options *out, char *err,
                          size_t err_size);

void compare_options_print_help(FILE *out);

#endif
