/* compare_main.c: options → samples → comparisons → outputs → table. */
#include "atomic_file.h"
#include "compare_comparison.h"
#include "compare_complexity.h"
#include "compare_measurements.h"
#include "compare_options.h"
#include "compare_pairs.h"
#include "compare_samples.h"
#include "compare_table.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#define ERR_SIZE 2048

typedef struct inputs {
    const sample_set *set;
    const comparison_set *comparisons;
} inputs;

typedef struct output {
    const char *path; /* NULL: not asked for */
    int (*write)(FILE *out, const inputs *in);
    atomic_file file;
    bool open;
} output;

static int complain(const char *message)
{
    fprintf(stderr, "idiombench-compare: %s\n", message);
    return COMPARE_EXIT_USAGE;
}

static int write_measurements(FILE *out, const inputs *in)
{
    compare_measurements_write(out, in->set);
    return 0;
}

static int write_comparison(FILE *out, const inputs *in)
{
    compare_comparison_write(out, in->set, in->comparisons);
    return 0;
}

static int write_complexity(FILE *out, const inputs *in)
{
    return compare_complexity_write(out, in->set);
}

/* The baseline's index, or -1 with a message listing the labels present. */
static long find_baseline(const sample_set *set, const compare_options *opts, char *err)
{
    long baseline = compare_samples_find_version(set, opts->baseline);
    if (baseline >= 0)
        return baseline;
    if (set->version_count == 0) {
        snprintf(err, ERR_SIZE, "%s holds no samples, only a header: nothing to compare "
                 "(did make compare measure anything?)", opts->samples_path);
        return -1;
    }
    int used = snprintf(err, ERR_SIZE, "--baseline '%s' is not a python_version in %s; "
                        "the labels there are ", opts->baseline, opts->samples_path);
    for (size_t i = 0; i < set->version_count && used < ERR_SIZE; i++)
        used += snprintf(err + used, ERR_SIZE - (size_t)used, "%s%s", i ? ", " : "",
                         set->versions[i]);
    if (used < ERR_SIZE)
        snprintf(err + used, ERR_SIZE - (size_t)used, " (give one of them)");
    return -1;
}

static void abort_outputs(output *outputs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (outputs[i].open)
            atomic_file_abort(&outputs[i].file);
}

static int cannot_write(const char *path, char *err)
{
    snprintf(err, ERR_SIZE, "cannot write '%s': %s (does its folder exist, and may you "
             "write there?)", path, strerror(errno));
    return -1;
}

static int open_outputs(output *outputs, size_t count, char *err)
{
    for (size_t i = 0; i < count; i++) {
        if (outputs[i].path == NULL)
            continue;
        if (atomic_file_open(&outputs[i].file, outputs[i].path) != 0) {
            cannot_write(outputs[i].path, err);
            abort_outputs(outputs, count);
            return -1;
        }
        outputs[i].open = true;
    }
    return 0;
}

static int commit_outputs(output *outputs, size_t count, char *err)
{
    for (size_t i = 0; i < count; i++) {
        if (!outputs[i].open)
            continue;
        outputs[i].open = false;
        if (atomic_file_commit(&outputs[i].file) != 0) {
            cannot_write(outputs[i].path, err);
            abort_outputs(outputs, count);
            return -1;
        }
    }
    return 0;
}

/* Opens every output first, writes them all, then renames them into place, so that an
 * output that cannot be written leaves no other behind. */
static int write_outputs(output *outputs, size_t count, const inputs *in, char *err)
{
    if (open_outputs(outputs, count, err) != 0)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (outputs[i].open && outputs[i].write(outputs[i].file.stream, in) != 0) {
            abort_outputs(outputs, count);
            snprintf(err, ERR_SIZE, "out of memory while writing '%s'", outputs[i].path);
            return -1;
        }
    }
    return commit_outputs(outputs, count, err);
}

/* Everything after the options: read, compare, write, print. */
static int compare(const compare_options *opts, sample_set *set, comparison_set *comparisons,
                   char *err)
{
    if (compare_samples_read_file(opts->samples_path, set, err, ERR_SIZE) != 0)
        return -1;
    long baseline = find_baseline(set, opts, err);
    if (baseline < 0)
        return -1;
    if (compare_pairs_build(set, (size_t)baseline, opts->confidence, comparisons) != 0) {
        snprintf(err, ERR_SIZE, "out of memory while comparing the samples");
        return -1;
    }
    output outputs[] = {{opts->measurements_path, write_measurements, {0}, false},
                        {opts->comparison_path, write_comparison, {0}, false},
                        {opts->complexity_path, write_complexity, {0}, false}};
    inputs in = {set, comparisons};
    if (write_outputs(outputs, sizeof outputs / sizeof *outputs, &in, err) != 0)
        return -1;
    if (compare_table_print(stdout, set, comparisons, opts->table) != 0) {
        snprintf(err, ERR_SIZE, "out of memory while printing the table");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL's default handler aborts the process */
    compare_options opts;
    char err[ERR_SIZE];
    if (compare_options_parse(argc, argv, &opts, err, sizeof err) != 0)
        return complain(err);
    if (opts.help) {
        compare_options_print_help(stdout);
        return COMPARE_EXIT_OK;
    }
    sample_set set = {0};
    comparison_set comparisons = {0};
    int status = compare(&opts, &set, &comparisons, err);
    compare_pairs_free(&comparisons);
    compare_samples_free(&set);
    if (status != 0)
        return complain(err);
    return fflush(stdout) == 0 ? COMPARE_EXIT_OK : complain("cannot write the table");
}
