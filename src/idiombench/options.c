/* options.c: declares the options, parses them, validates their values. */
#include "options.h"

#include "argv.h"
#include "measure.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_REPETITIONS 10
#define QUICK_REPETITIONS 6 /* the fewest whose median interval reaches 95% (stats.h) */
#define MAX_REPETITIONS 1000
#define DEFAULT_TARGET_NS 10000000LL /* 10 ms per timed loop */
#define QUICK_TARGET_NS 2000000LL    /* 2 ms */
#define DEFAULT_CI_TARGET 0.02  /* ±2% of the median */
#define DEFAULT_CASE_BUDGET_S 3.0
#define QUICK_CASE_BUDGET_S 0.1
#define MAX_CASE_BUDGET_S 3600.0
#define DEFAULT_PAIRS 5
#define QUICK_PAIRS 3
#define MIN_CASE_TIMEOUT_S 120
#define MAX_CASE_TIMEOUT_S 86400
#define CASE_TIMEOUT_FACTOR 10 /* × the timed loops' planned duration, when longer */

void options_print_help(FILE *out)
{
    fputs(
        "usage: idiombench [options] [--benchmark_* flags]\n"
        "\n"
        "Measures Python idioms in the CPython this binary embeds: net time per\n"
        "operation (the empty loop's cost subtracted), and allocation requests and\n"
        "bytes per operation. Writes measurements.csv, failures.csv,\n"
        "unavailable.csv (what this Python cannot measure, and why),\n"
        "complexity.csv, observations.csv and meta.\n"
        "Each family runs in a child process: a case that crashes, hangs or runs\n"
        "out of memory is recorded as failed, and the run goes on.\n"
        "\n"
        "options:\n"
        "  --help               show this text and exit\n"
        "  --list               list the selected cases and exit\n"
        "  --format FORMAT      --list's format: text (default), or csv: the header\n"
        "                       family,case,sizes,instruments,gc,skipped and a row\n"
        "                       per case, for programs\n"
        "  --startup            start the interpreter as a measuring run does\n"
        "                       (isolated), finalise it and exit 0: no output, no\n"
        "                       results; what a timer of interpreter start-up runs\n"
        "  --filter REGEX       run the cases whose family/case matches REGEX\n"
        "                       (POSIX extended), e.g. 'identity/is_' or 'none'\n"
        "  --repetitions N      samples per case and size, 1..1000 (default 10;\n"
        "                       6 with --quick): the time pass's first batch, the\n"
        "                       other passes' count (5 at most); with 1, a row's\n"
        "                       median, mean, min and max are that sample, its\n"
        "                       stddev and cv 0\n"
        "  --ci-target PCT      adaptive sampling: after the first batch, more time\n"
        "                       samples until the median's 95% confidence interval\n"
        "                       is within ±PCT% of it, 0..100 (default 2); 0: off,\n"
        "                       exactly --repetitions samples\n"
        "  --case-budget S      adaptive sampling's time per case and size, 0.01..3600\n"
        "                       seconds (default 3; 0.1 with --quick): no batch starts\n"
        "                       that would end past it\n"
        "  --quick              short timed loops (2 ms), fewer samples and a small\n"
        "                       case budget: a fast, rougher answer\n"
        "  --loop-ms MS         duration of one timed loop, 0.1..1000 ms\n"
        "                       (default 10; 2 with --quick)\n"
        "  --pairs N            statement/empty loop pairs per sample, 1..64; a\n"
        "                       sample is their median (default 5; 3 with --quick)\n"
        "  --out DIR            write results into DIR: a new folder, or an empty\n"
        "                       one (a run is never merged with another); default\n"
        "                       results/<run-id> beside bench/, with results/latest\n"
        "                       pointing at it. The run is written in DIR.partial,\n"
        "                       renamed to DIR when complete\n"
        "  --keep-partial       leave the run in DIR.partial, results/latest\n"
        "                       untouched: the caller renames it (bin/bench does,\n"
        "                       once it has added the instruction counts)\n"
        "  --catalogue PATH     a catalogue file (family.py) or folder of them;\n"
        "                       default: the suite's bench/ folder\n"
        "  --instruments LIST   run only these of each case's instruments, e.g.\n"
        "                       'time' or 'time,allocs' (of time, allocs, memory,\n"
        "                       resources); a case left with none is not run;\n"
        "                       'instructions' counts every case's instructions\n"
        "                       per operation under callgrind (run it with\n"
        "                       bin/count-instructions)\n"
        "  --no-observations    do not record the catalogue's OBSERVATIONS\n"
        "                       (observations.csv keeps its header alone)\n"
        "  --case-timeout S     time limit of one case at one size, 1..86400 s;\n"
        "                       a case that exceeds it is recorded as failed\n"
        "                       (default 120, or 10 times the timed loops' total\n"
        "                       duration when that is longer)\n"
        "  --benchmark_*        passed to Google Benchmark (e.g. --benchmark_filter,\n"
        "                       --benchmark_out=FILE --benchmark_out_format=json)\n"
        "\n"
        "exit status:\n"
        "  0  every selected case was measured (or skipped: --benchmark_filter, or\n"
        "     it needs a newer Python, see unavailable.csv)\n"
        "  1  some cases failed (see failures.csv); the others' results are written\n"
        "  2  bad option, filter, catalogue file or --out folder; nothing measured\n"
        "  3  the interpreter could not start, or memory ran out (an interrupted\n"
        "     run stays DIR.partial)\n"
        "  4  the results could not be written (disk full, folder removed): the run\n"
        "     stopped, and DIR.partial holds what was written, if anything\n",
        out);
}

static int parse_int(const char *text, long low, long high, long *out)
{
    char *end;
    if (!isdigit((unsigned char)text[0]))
        return -1; /* strtol would accept leading spaces and signs */
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < low || value > high)
        return -1;
    *out = value;
    return 0;
}

/* A plain decimal number from low to high (no sign, no spaces, no hex, no inf). */
static int parse_number(const char *text, double low, double high, double *out)
{
    char *end;
    if (!isdigit((unsigned char)text[0]) && text[0] != '.')
        return -1;
    errno = 0;
    double value = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || strpbrk(text, "xXpP") != NULL ||
        !(value >= low && value <= high))
        return -1;
    *out = value;
    return 0;
}

/* --startup leaves Google Benchmark out, so its flags stay in argv. */
static bool has_startup(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--startup") == 0)
            return true;
    return false;
}

static void apply_mode(options *out)
{
    if (out->ci_target < 0.0)
        out->ci_target = DEFAULT_CI_TARGET;
    if (out->case_budget_s == 0.0)
        out->case_budget_s = out->quick ? QUICK_CASE_BUDGET_S : DEFAULT_CASE_BUDGET_S;
    if (out->target_ns == 0)
        out->target_ns = out->quick ? QUICK_TARGET_NS : DEFAULT_TARGET_NS;
    if (out->pairs == 0)
        out->pairs = out->quick ? QUICK_PAIRS : DEFAULT_PAIRS;
    if (out->repetitions == 0)
        out->repetitions = out->quick ? QUICK_REPETITIONS : DEFAULT_REPETITIONS;
    if (out->case_timeout_s == 0) {
        double timed_s = (double)out->repetitions * out->pairs * 2 * (double)out->target_ns / 1e9 +
                         (out->ci_target > 0.0 ? out->case_budget_s : 0.0);
        double limit_s = ceil(CASE_TIMEOUT_FACTOR * timed_s);
        out->case_timeout_s = limit_s < MIN_CASE_TIMEOUT_S   ? MIN_CASE_TIMEOUT_S
                              : limit_s > MAX_CASE_TIMEOUT_S ? MAX_CASE_TIMEOUT_S
                                                             : (int)limit_s;
    }
}

int options_parse(int argc, char **argv, options *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out); /* 0: chosen once --quick is known */
    out->ci_target = -1.0;       /* not given */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = NULL;
        bool missing = false;
        if (strcmp(arg, "--list") == 0) {
            out->list = true;
        } else if (strcmp(arg, "--startup") == 0) {
            out->startup = true;
        } else if (strcmp(arg, "--quick") == 0) {
            out->quick = true;
        } else if (strcmp(arg, "--no-observations") == 0) {
            out->no_observations = true;
        } else if (strcmp(arg, "--keep-partial") == 0) {
            out->keep_partial = true;
        } else if (strncmp(arg, "--argv-pad=", 11) == 0) {
            /* ignored: bin/count-instructions pads argv to a fixed size */
        } else if ((value = argv_option_value(argc, argv, &i, "--filter", &missing)) != NULL) {
            out->filter = value;
        } else if ((value = argv_option_value(argc, argv, &i, "--format", &missing)) != NULL) {
            if (strcmp(value, "csv") != 0 && strcmp(value, "text") != 0) {
                snprintf(err, err_size, "--format '%s' is not text or csv (see --help)", value);
                return -1;
            }
            out->list_csv = strcmp(value, "csv") == 0;
        } else if ((value = argv_option_value(argc, argv, &i, "--out", &missing)) != NULL) {
            out->out_dir = value;
        } else if ((value = argv_option_value(argc, argv, &i, "--catalogue", &missing)) != NULL) {
            out->catalogue = value;
        } else if ((value = argv_option_value(argc, argv, &i, "--instruments", &missing)) != NULL) {
            out->instruments = value; /* checked against the catalogue's names in main */
        } else if ((value = argv_option_value(argc, argv, &i, "--repetitions", &missing)) != NULL) {
            long count;
            if (parse_int(value, 1, MAX_REPETITIONS, &count) != 0) {
                snprintf(err, err_size, "--repetitions '%s' is not a whole number from 1 to %d",
                         value, MAX_REPETITIONS);
                return -1;
            }
            out->repetitions = (int)count;
        } else if ((value = argv_option_value(argc, argv, &i, "--pairs", &missing)) != NULL) {
            long count;
            if (parse_int(value, 1, MEASURE_MAX_PAIRS, &count) != 0) {
                snprintf(err, err_size, "--pairs '%s' is not a whole number from 1 to %d",
                         value, MEASURE_MAX_PAIRS);
                return -1;
            }
            out->pairs = (int)count;
        } else if ((value = argv_option_value(argc, argv, &i, "--loop-ms", &missing)) != NULL) {
            char *end;
            double ms = strtod(value, &end);
            if (end == value || *end != '\0' || !(ms >= 0.1 && ms <= 1000.0)) {
                snprintf(err, err_size, "--loop-ms '%s' is not a duration from 0.1 to 1000 ms",
                         value);
                return -1;
            }
            out->target_ns = (int64_t)(ms * 1e6);
        } else if ((value = argv_option_value(argc, argv, &i, "--ci-target", &missing)) != NULL) {
            if (parse_number(value, 0.0, 100.0, &out->ci_target) != 0) {
                snprintf(err, err_size, "--ci-target '%s' is not a percentage from 0 (off) to "
                         "100, e.g. 2 for ±2%% of the median", value);
                return -1;
            }
            out->ci_target /= 100.0;
        } else if ((value = argv_option_value(argc, argv, &i, "--case-budget", &missing)) != NULL) {
            if (parse_number(value, 0.01, MAX_CASE_BUDGET_S, &out->case_budget_s) != 0) {
                snprintf(err, err_size, "--case-budget '%s' is not a number of seconds from "
                         "0.01 to %.0f", value, MAX_CASE_BUDGET_S);
                return -1;
            }
        } else if ((value = argv_option_value(argc, argv, &i, "--case-timeout", &missing)) != NULL) {
            long seconds;
            if (parse_int(value, 1, MAX_CASE_TIMEOUT_S, &seconds) != 0) {
                snprintf(err, err_size, "--case-timeout '%s' is not a whole number of seconds "
                         "from 1 to %d", value, MAX_CASE_TIMEOUT_S);
                return -1;
            }
            out->case_timeout_s = (int)seconds;
        } else if (missing) {
            snprintf(err, err_size, "%s needs a value (see --help)", arg);
            return -1;
        } else if (strncmp(arg, "--benchmark_", 12) == 0 && has_startup(argc, argv)) {
            snprintf(err, err_size, "--startup runs no benchmark: leave out '%s'", arg);
            return -1;
        } else if (strncmp(arg, "--benchmark_", 12) == 0) {
            snprintf(err, err_size,
                     "unknown or malformed Google Benchmark flag '%s': check its name and "
                     "value (e.g. --benchmark_filter=REGEX, --benchmark_min_time=0.5)", arg);
            return -1;
        } else {
            snprintf(err, err_size, "unknown argument '%s' (see --help)", arg);
            return -1;
        }
        if (value != NULL && value[0] == '\0') {
            snprintf(err, err_size, "%s needs a non-empty value (see --help)", arg);
            return -1;
        }
    }
    apply_mode(out);
    return 0;
}
