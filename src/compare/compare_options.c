/* compare_options.c: declares the options, parses them, validates their values. */
#include "compare_options.h"

#include "argv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void compare_options_print_help(FILE *out)
{
    fputs(
        "usage: idiombench-compare --samples FILE --baseline LABEL [--measurements OUT]\n"
        "                          [--comparison OUT] [--complexity OUT]\n"
        "                          [--table time|all|none] [--confidence C]\n"
        "\n"
        "Compares Python versions measured in rounds by make compare. Reads samples.csv\n"
        "(python_version,family,case,n,metric,unit,round,value,loops: one sample per\n"
        "version, case, size, metric and round) and says, for each case, size and\n"
        "metric, how each version differs from the baseline and whether that is\n"
        "beyond the noise: Welch's t-test on the logarithms (the ratio of geometric\n"
        "means and its confidence interval), or on the values when a sample is <= 0.\n"
        "\n"
        "options:\n"
        "  --samples FILE       the samples.csv to read (required)\n"
        "  --baseline LABEL     the python_version every other version is compared\n"
        "                       with, e.g. 3.11.7 (required)\n"
        "  --measurements OUT   write OUT: one row per version, case, size and metric\n"
        "                       over the rounds, as the harness's measurements.csv\n"
        "  --comparison OUT     write OUT: each version against the baseline (ratio,\n"
        "                       confidence interval, p-values, verdict)\n"
        "  --complexity OUT     write OUT: the curve each version's scaling cases fit,\n"
        "                       as the harness's complexity.csv\n"
        "  --table WHAT         print a table of ratios: time (time_per_op, the\n"
        "                       default), all (every metric) or none\n"
        "  --confidence C       confidence level of the intervals and verdicts, a\n"
        "                       fraction between 0 and 1 (default 0.95)\n"
        "  --help               show this text and exit\n"
        "\n"
        "Each output is written whole or not at all (a temporary file, renamed).\n"
        "\n"
        "exit status:\n"
        "  0  compared; every output asked for is written\n"
        "  2  bad option, samples file, baseline or output path; nothing written\n",
        out);
}

static int parse_table(const char *value, table_scope *out)
{
    static const char *const names[] = {"none", "time", "all"};
    static const table_scope scopes[] = {TABLE_NONE, TABLE_TIME, TABLE_ALL};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(value, names[i]) == 0) {
            *out = scopes[i];
            return 0;
        }
    return -1;
}

static int parse_confidence(const char *value, double *out)
{
    char *end;
    if (!isdigit((unsigned char)value[0]) && value[0] != '.')
        return -1;
    double confidence = strtod(value, &end);
    if (*end != '\0' || !(confidence > 0.0 && confidence < 1.0))
        return -1;
    *out = confidence;
    return 0;
}

/* The option taking a value that argv[*i] is, stored; 1 when it is none of them,
 * -1 with err set on a bad value. */
static int take_valued(int argc, char **argv, int *i, compare_options *out, char *err,
                       size_t err_size)
{
    static const char *const paths[] = {"--samples", "--baseline", "--measurements",
                                        "--comparison", "--complexity"};
    const char **targets[] = {&out->samples_path, &out->baseline, &out->measurements_path,
                              &out->comparison_path, &out->complexity_path};
    const char *arg = argv[*i], *value = NULL;
    bool missing = false;
    for (size_t k = 0; k < 5 && value == NULL && !missing; k++)
        if ((value = argv_option_value(argc, argv, i, paths[k], &missing)) != NULL)
            *targets[k] = value;
    if (value == NULL && !missing &&
        (value = argv_option_value(argc, argv, i, "--table", &missing)) != NULL &&
        parse_table(value, &out->table) != 0) {
        snprintf(err, err_size, "--table '%s' is not time, all or none", value);
        return -1;
    }
    if (value == NULL && !missing &&
        (value = argv_option_value(argc, argv, i, "--confidence", &missing)) != NULL &&
        parse_confidence(value, &out->confidence) != 0) {
        snprintf(err, err_size, "--confidence '%s' is not a fraction between 0 and 1, "
                 "e.g. 0.95", value);
        return -1;
    }
    if (missing) {
        snprintf(err, err_size, "%s needs a value (see --help)", arg);
        return -1;
    }
    if (value != NULL && value[0] == '\0') {
        snprintf(err, err_size, "%s needs a non-empty value (see --help)", arg);
        return -1;
    }
    return value == NULL;
}

/* Two outputs at one path would overwrite each other. */
static int check_outputs(const compare_options *out, char *err, size_t err_size)
{
    const char *paths[] = {out->measurements_path, out->comparison_path,
                           out->complexity_path};
    const char *names[] = {"--measurements", "--comparison", "--complexity"};
    for (int a = 0; a < 3; a++)
        for (int b = a + 1; b < 3; b++)
            if (paths[a] && paths[b] && strcmp(paths[a], paths[b]) == 0) {
                snprintf(err, err_size, "%s and %s both name '%s'; give each output a file "
                         "of its own", names[a], names[b], paths[a]);
                return -1;
            }
    return 0;
}

static int check_required(const compare_options *out, char *err, size_t err_size)
{
    if (out->samples_path == NULL) {
        snprintf(err, err_size, "--samples FILE is missing: name the samples.csv that "
                 "make compare wrote (see --help)");
        return -1;
    }
    if (out->baseline == NULL) {
        snprintf(err, err_size, "--baseline LABEL is missing: name the python_version to "
                 "compare the others with, e.g. --baseline 3.11.7 (see --help)");
        return -1;
    }
    return check_outputs(out, err, err_size);
}

int compare_options_parse(int argc, char **argv, compare_options *out, char *err,
                          size_t err_size)
{
    memset(out, 0, sizeof *out);
    out->table = TABLE_TIME;
    out->confidence = DEFAULT_CONFIDENCE;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            out->help = true;
            return 0;
        }
    for (int i = 1; i < argc; i++) {
        int taken = take_valued(argc, argv, &i, out, err, err_size);
        if (taken < 0)
            return -1;
        if (taken > 0) {
            snprintf(err, err_size, "unknown argument '%s' (see --help)", argv[i]);
            return -1;
        }
    }
    return check_required(out, err, err_size);
}
