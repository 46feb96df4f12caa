/* main.c: options → interpreter → catalogue → selection → runs → results. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "catalogue.h"
#include "catalogue_syntax.h"
#include "csv.h"
#include "gbench_shim.h"
#include "host_facts.h"
#include "interp.h"
#include "isolate.h"
#include "malloc_settle.h"
#include "measure.h"
#include "noise_floor.h"
#include "options.h"
#include "pyutil.h"
#include "results.h"
#include "results_append.h"
#include "results_cases.h"
#include "results_complexity.h"
#include "results_csv.h"
#include "results_meta.h"
#include "run_dir.h"
#include "run_plan.h"
#include "select.h"
#include "unavailable.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef IDIOMBENCH_PYTHON
#error "build with -DIDIOMBENCH_PYTHON=\"/path/to/python\" (the Makefile does)"
#endif

typedef struct run {
    const options *opts;
    const catalogue *cat;
    const bool *chosen;
    size_t units;         /* (case, size) pairs to measure */
    char out_dir[4096];   /* the run folder, once complete */
    char work_dir[4096];  /* out_dir.partial: where the run is written until then */
    results res;
    results_append files; /* measurements, samples and failures, appended case by case */
    size_t done;          /* units handled so far (measured, failed or skipped) */
    bool write_failed;    /* the run folder could not take the results: the run stopped */
    meta_list meta;       /* written before the cases, again with the noise floor after */
    noise_floor noise;
    int failed;
    int skipped;
} run;

/* The plural ending of a count's noun: "1 measurement", "2 measurements". */
static const char *plural_s(size_t count)
{
    return count == 1 ? "" : "s";
}

static void complain(const char *message)
{
    fprintf(stderr, "idiombench: %s\n", message);
}

/* The suite's folder: the binary lives in <suite>/build/<tag>/idiombench. */
static void find_suite_dir(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    snprintf(out, size, ".");
    if (length <= 0)
        return;
    exe[length] = '\0';
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(exe, '/');
        if (slash == NULL)
            return;
        *slash = '\0';
    }
    snprintf(out, size, "%s", exe[0] ? exe : "/");
}

/* What --list says of a case, in either format: its sizes and its instruments, each
 * comma-separated, and why this Python cannot run it (empty when it can). */
typedef struct list_entry {
    char sizes[1024];
    char instruments[256];
    char skipped[256];
    bool is_skipped;
} list_entry;

static void list_entry_of(const case_def *c, list_entry *e)
{
    e->sizes[0] = e->instruments[0] = e->skipped[0] = '\0';
    for (size_t k = 0; c->sizes != NULL && k < c->size_count; k++)
        snprintf(e->sizes + strlen(e->sizes), sizeof e->sizes - strlen(e->sizes), "%s%ld",
                 k ? "," : "", c->sizes[k]);
    for (unsigned bit = INSTRUMENT_TIME; bit <= INSTRUMENT_LAST; bit <<= 1)
        if (c->instruments & bit)
            snprintf(e->instruments + strlen(e->instruments),
                     sizeof e->instruments - strlen(e->instruments), "%s%s",
                     e->instruments[0] ? "," : "", catalogue_instrument_name(bit));
    e->is_skipped = unavailable_case(c, pyutil_version(), e->skipped, sizeof e->skipped);
}

/* --list: "family/case  n=10,100  [time,allocs,gc on]  skipped: why" a selected case. */
static void print_list(const catalogue *cat, const bool *chosen)
{
    for (size_t i = 0; i < cat->count; i++) {
        const case_def *c = &cat->cases[i];
        if (!chosen[i])
            continue;
        list_entry e;
        list_entry_of(c, &e);
        printf("%s/%s", c->family, c->name);
        if (c->sizes != NULL)
            printf("  n=%s", e.sizes);
        printf("%s%s%s]", e.instruments[0] ? "  [" : "", e.instruments,
               c->gc_enabled ? ",gc on" : "");
        if (e.is_skipped)
            printf("  skipped: %s", e.skipped);
        printf("\n");
    }
}

#define LIST_COLUMNS "family,case,sizes,instruments,gc,skipped"

/* One --list --format csv row: sizes and instruments comma-separated in one field
 * each; gc "on" or "off"; skipped: why this Python cannot run the case, or empty. */
static void print_list_row(const case_def *c)
{
    list_entry e;
    list_entry_of(c, &e);
    const char *fields[] = {c->family, c->name, e.sizes, e.instruments,
                            c->gc_enabled ? "on" : "off", e.skipped};
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
        fputs(f ? "," : "", stdout);
        csv_field(stdout, fields[f]);
    }
    putchar('\n');
}

/* --list --format csv: LIST_COLUMNS, then a row per selected case. */
static void print_list_csv(const catalogue *cat, const bool *chosen)
{
    puts(LIST_COLUMNS);
    for (size_t i = 0; i < cat->count; i++)
        if (chosen[i])
            print_list_row(&cat->cases[i]);
}

/* Reports the failure to write in the run folder (errno's reason), once. */
static void report_write_failure(run *r)
{
    if (!r->write_failed)
        fprintf(stderr, "idiombench: cannot write results in '%s': %s (free space or "
                        "permissions?)\n", r->work_dir, strerror(errno));
    r->write_failed = true;
}

/* Appends the rows of the cases measured since the last call. */
static int append_results(run *r)
{
    if (results_append_flush(&r->files, &r->res) == 0)
        return 0;
    report_write_failure(r);
    return -1;
}

/* The files written whole once the cases are done: complexity.csv (fitted over every
 * row), observations.csv, unavailable.csv and cases.csv. */
static int write_whole_files(run *r)
{
    char path[4200];
    if (run_dir_join(path, sizeof path, r->work_dir, "complexity.csv") != 0 ||
        results_complexity_write(&r->res, path) != 0 ||
        run_dir_join(path, sizeof path, r->work_dir, "observations.csv") != 0 ||
        results_csv_write_observations(&r->res, path) != 0 ||
        run_dir_join(path, sizeof path, r->work_dir, "unavailable.csv") != 0 ||
        results_csv_write_unavailable(&r->res, path) != 0 ||
        run_dir_join(path, sizeof path, r->work_dir, "cases.csv") != 0 ||
        results_cases_write(r->cat, r->chosen, r->res.python_version, path) != 0) {
        report_write_failure(r);
        return -1;
    }
    return 0;
}

static int write_meta_file(run *r)
{
    char path[4200];
    if (run_dir_join(path, sizeof path, r->work_dir, "meta") != 0 ||
        results_meta_write(&r->meta, path) != 0) {
        report_write_failure(r);
        return -1;
    }
    return 0;
}

static int write_meta(run *r, const char *suite_dir, int argc, char **argv)
{
    char text[8192] = "";
    for (int i = 0; i < argc; i++) {
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s%s", i ? " " : "", argv[i]);
    }
    char settings[512], sampling[128];
    if (r->opts->ci_target > 0.0)
        snprintf(sampling, sizeof sampling, "adaptive: ci target %g%%, case budget %g s",
                 r->opts->ci_target * 100.0, r->opts->case_budget_s);
    else
        snprintf(sampling, sizeof sampling, "fixed: ci target 0");
    snprintf(settings, sizeof settings, "repetitions %d, timed loop %lld ns, %d pairs per "
             "sample, case timeout %d s, time sampling %s%s%s", r->opts->repetitions,
             (long long)r->opts->target_ns, r->opts->pairs, r->opts->case_timeout_s, sampling,
             r->opts->quick ? ", quick" : "",
             r->opts->no_observations ? ", no observations" : "");
    int status = host_facts_collect(&r->meta, suite_dir) |
                 results_meta_add(&r->meta, "command", text) |
                 results_meta_add(&r->meta, "settings", settings);
    return status == 0 ? write_meta_file(r) : -1;
}

/* True when some chosen case is timed: the noise floor concerns time alone. */
static bool any_timed(const run *r)
{
    for (size_t i = 0; i < r->cat->count; i++)
        if (r->chosen[i] && (r->cat->cases[i].instruments & INSTRUMENT_TIME))
            return true;
    return false;
}

/* The noise floor's first probe, before any case; false when it is not measured. */
static bool noise_before(run *r)
{
    if (!any_timed(r))
        return false;
    if (noise_floor_before(&r->noise, r->opts->target_ns) == 0)
        return true;
    PyErr_Clear();
    results_meta_add(&r->meta, "noise_floor", "not measured: the empty loop raised");
    return false;
}

/* The noise floor's second probe, after the cases, and meta written again with it. */
static int noise_after(run *r, bool measured)
{
    if (!measured) {
        if (!any_timed(r))
            results_meta_add(&r->meta, "noise_floor", "not measured: no case is timed");
    } else if (noise_floor_after(&r->noise) != 0) {
        PyErr_Clear();
        results_meta_add(&r->meta, "noise_floor", "not measured: the empty loop raised");
    } else if (noise_floor_add_meta(&r->noise, &r->meta) != 0) {
        return -1;
    }
    return write_meta_file(r);
}

/* After each case: count it and append its rows; a failure to write stops the run. */
static int after_case(void *ctx, measure_outcome outcome)
{
    run *r = ctx;
    r->done++;
    r->failed += outcome == MEASURE_FAILED;
    r->skipped += outcome == MEASURE_SKIPPED || outcome == MEASURE_UNSUPPORTED;
    return append_results(r);
}

/* Measures every chosen case at every size, each family in its own child process,
 * appending the results after each case. */
static int run_cases(run *r)
{
    isolate_unit *units = run_plan_list_units(r->cat, r->chosen, r->units);
    if (units == NULL) {
        complain("out of memory");
        return EXIT_ENVIRONMENT;
    }
    isolate_plan plan = {units, r->units,
                         {.repetitions = r->opts->repetitions,
                          .target_ns = r->opts->target_ns,
                          .pairs = r->opts->pairs,
                          .ci_target = r->opts->ci_target,
                          .case_budget_ns = r->opts->case_budget_s * 1e9},
                         r->opts->case_timeout_s};
    char err[1024];
    int status = isolate_run(&plan, &r->res, after_case, r, err, sizeof err);
    free(units);
    if (status != 0) {
        if (r->write_failed)
            return EXIT_WRITE_FAILED;
        if (err[0] != '\0') {
            bool written = append_results(r) == 0;
            fprintf(stderr, "idiombench: %s%s\n", err,
                    written ? "; the results so far are written" : "");
        }
        return r->write_failed ? EXIT_WRITE_FAILED : EXIT_ENVIRONMENT;
    }
    return r->failed ? EXIT_CASES_FAILED : EXIT_OK;
}

static int add_unavailable(void *ctx, const case_def *c, const char *metric,
                           const char *reason)
{
    return results_add_unavailable(ctx, c->family, c->name, metric, reason);
}

/* unavailable.csv's rows: for each chosen case, what this Python cannot give. They
 * depend on the Python and the case alone, so they are known before any measurement. */
static int list_unavailable(run *r)
{
    for (size_t i = 0; i < r->cat->count; i++) {
        if (r->chosen[i] &&
            unavailable_each(&r->cat->cases[i], pyutil_version(), add_unavailable, &r->res) != 0) {
            complain("out of memory");
            return -1;
        }
    }
    return 0;
}

/* After each observation: count those that failed. */
static int after_observation(void *ctx, measure_outcome outcome)
{
    int *failed = ctx;
    *failed += outcome == MEASURE_FAILED;
    return 0;
}

/* Runs the observations of every family the run measured, after the measurements, each
 * in a child process of its own under --case-timeout, as cases are: one that crashes,
 * exits or hangs is recorded in failures.csv (stage "observation") and the others go
 * on. Returns 0, the number that failed, or -1 when the run cannot go on. */
static int record_observations(run *r)
{
    size_t count;
    isolate_unit *units = run_plan_list_observations(r->cat, r->chosen, &count);
    if (units == NULL) {
        complain("out of memory while recording observations");
        return -1;
    }
    isolate_plan plan = {units, count, {0}, r->opts->case_timeout_s};
    char err[1024];
    int failed = 0;
    int status = count > 0 ? isolate_run(&plan, &r->res, after_observation, &failed, err,
                                         sizeof err)
                           : 0;
    free(units);
    if (status != 0) {
        fprintf(stderr, "idiombench: %s, while recording observations\n", err);
        return -1;
    }
    if (count > 0)
        printf("idiombench: %zu observation%s recorded%s", count - (size_t)failed,
               plural_s(count - (size_t)failed), failed ? ", " : "\n");
    if (failed)
        printf("%d failed (see failures.csv)\n", failed);
    return failed;
}

static int choose_out_dir(run *r, const char *suite_dir, char *err, size_t err_size)
{
    int status;
    if (r->opts->out_dir != NULL) {
        snprintf(r->out_dir, sizeof r->out_dir, "%s", r->opts->out_dir);
        size_t length = strlen(r->out_dir);
        while (length > 1 && r->out_dir[length - 1] == '/') /* DIR/.partial is no sibling */
            r->out_dir[--length] = '\0';
        status = run_dir_start(r->out_dir, err, err_size);
    } else {
        char root[4200];
        if (run_dir_join(root, sizeof root, suite_dir, "results") != 0) {
            snprintf(err, err_size, "the suite's path is too long; give --out DIR");
            return -1;
        }
        status = run_dir_create_new(root, pyutil_version(), r->out_dir, sizeof r->out_dir, err,
                                    err_size);
    }
    if (status == 0 && run_dir_partial(r->work_dir, sizeof r->work_dir, r->out_dir) != 0) {
        snprintf(err, err_size, "the results folder's path is too long; give a shorter --out");
        status = -1;
    }
    return status;
}

/* The run's end: the last rows, the whole files, then (unless --keep-partial) the run
 * folder renamed from its .partial name and results/latest pointed at it. */
static int finish_run(run *r, const char *suite_dir, int status)
{
    int write_status = status == EXIT_WRITE_FAILED ? -1 : append_results(r);
    if (write_status == 0)
        write_status = write_whole_files(r);
    if (results_append_close(&r->files) != 0 && write_status == 0) {
        report_write_failure(r);
        write_status = -1;
    }
    if (write_status != 0)
        return EXIT_WRITE_FAILED;
    if (status == EXIT_ENVIRONMENT || r->opts->keep_partial)
        return status; /* an incomplete run stays <folder>.partial */
    if (run_dir_finish(r->out_dir) != 0) {
        report_write_failure(r);
        return EXIT_WRITE_FAILED;
    }
    if (r->opts->out_dir == NULL) {
        char root[4200];
        if (run_dir_join(root, sizeof root, suite_dir, "results") == 0)
            run_dir_link_latest(root, r->out_dir);
    }
    return status;
}

/* The last line: what was measured and what of it is written, where. */
static void print_summary(const run *r, int status)
{
    struct stat info;
    if (status == EXIT_WRITE_FAILED && stat(r->work_dir, &info) != 0) {
        printf("idiombench: the run stopped after %zu of %zu measurement%s, and nothing is "
               "kept: '%s' is gone\n", r->done, r->units, plural_s(r->units), r->work_dir);
    } else if (status == EXIT_WRITE_FAILED) {
        printf("idiombench: the run stopped after %zu of %zu measurement%s; %zu row%s "
               "written, in %s/measurements.csv (incomplete)\n", r->done, r->units,
               plural_s(r->units), r->files.rows_written,
               r->files.rows_written == 1 ? " is" : "s are", r->work_dir);
    } else {
        bool finished = status != EXIT_ENVIRONMENT && !r->opts->keep_partial;
        printf("idiombench: %zu measured, %d failed%s, %zu row%s in %s/measurements.csv%s\n",
               r->done - (size_t)r->failed - (size_t)r->skipped, r->failed,
               r->failed ? " (see failures.csv)" : "", r->files.rows_written,
               plural_s(r->files.rows_written),
               finished ? r->out_dir : r->work_dir,
               status == EXIT_ENVIRONMENT ? " (incomplete)" : "");
    }
}

/* Measures into the run folder's .partial, then finishes it. */
static int measure(run *r, const char *suite_dir, int argc, char **argv)
{
    if (results_append_open(&r->files, r->work_dir) != 0) {
        report_write_failure(r);
        return EXIT_WRITE_FAILED;
    }
    if (write_meta(r, suite_dir, argc, argv) != 0)
        return finish_run(r, suite_dir, r->write_failed ? EXIT_WRITE_FAILED : EXIT_ENVIRONMENT);
    if (list_unavailable(r) != 0)
        return finish_run(r, suite_dir, EXIT_ENVIRONMENT);
    printf("idiombench: Python %s, %zu measurement%s%s, results in %s\n", pyutil_version(),
           r->units, plural_s(r->units), r->opts->quick ? " (quick)" : "", r->out_dir);
    bool noise_measured = noise_before(r);
    int status = run_cases(r);
    if (status <= EXIT_CASES_FAILED && noise_after(r, noise_measured) != 0)
        status = r->write_failed ? EXIT_WRITE_FAILED : EXIT_ENVIRONMENT;
    int observations_failed = status <= EXIT_CASES_FAILED && !r->opts->no_observations
                                  ? record_observations(r) : 0;
    if (observations_failed < 0)
        status = EXIT_ENVIRONMENT;
    else if (observations_failed > 0 && status == EXIT_OK)
        status = EXIT_CASES_FAILED;
    return finish_run(r, suite_dir, status);
}

/* SIGTERM, SIGINT, SIGHUP while measuring: the running unit's child dies with its whole
 * process group (what a case forked included), then the signal ends the harness. */
static void end_with_children(int number)
{
    isolate_kill_running();
    signal(number, SIG_DFL);
    raise(number);
}

static void stop_children_on_interrupt(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = end_with_children;
    sigemptyset(&action.sa_mask);
    int numbers[] = {SIGTERM, SIGINT, SIGHUP};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        sigaction(numbers[i], &action, NULL);
}

static int measure_and_write(run *r, const char *suite_dir, int argc, char **argv)
{
    char err[1024];
    if (choose_out_dir(r, suite_dir, err, sizeof err) != 0) {
        complain(err);
        return EXIT_USAGE;
    }
    if (results_init(&r->res, pyutil_version()) != 0) {
        complain("out of memory");
        rmdir(r->work_dir);
        return EXIT_ENVIRONMENT;
    }
    stop_children_on_interrupt();
    int status = measure(r, suite_dir, argc, argv);
    print_summary(r, status);
    results_free(&r->res);
    results_meta_free(&r->meta);
    return status;
}

/* After the interpreter is up: catalogue, selection, then --list or the run. */
static int run_with_interpreter(const options *opts, const char *suite_dir, int argc,
                                char **argv)
{
    char err[2048];
    char default_catalogue[4200];
    const char *path = opts->catalogue;
    if (path == NULL) {
        run_dir_join(default_catalogue, sizeof default_catalogue, suite_dir, "bench");
        path = default_catalogue;
    }
    catalogue cat;
    if (catalogue_syntax_load_checked(path, opts->case_timeout_s, &cat, err, sizeof err) != 0) {
        complain(err);
        return EXIT_USAGE;
    }
    int status = EXIT_USAGE;
    bool *chosen = calloc(cat.count, sizeof *chosen);
    size_t count = 0;
    if (chosen == NULL) {
        status = EXIT_ENVIRONMENT;
    } else if (select_cases(&cat, opts->filter, chosen, &count, err, sizeof err) != 0 ||
               run_plan_restrict_instruments(&cat, opts->instruments, chosen, err,
                                             sizeof err) != 0) {
        complain(err);
    } else if (opts->list && opts->list_csv) {
        print_list_csv(&cat, chosen);
        status = EXIT_OK;
    } else if (opts->list) {
        print_list(&cat, chosen);
        status = EXIT_OK;
    } else {
        run r = {.opts = opts, .cat = &cat, .chosen = chosen,
                 .units = run_plan_count_units(&cat, chosen)};
        status = measure_and_write(&r, suite_dir, argc, argv);
    }
    free(chosen);
    catalogue_free(&cat);
    return status;
}

/* True when argv holds flag or its short form (NULL: none). */
static bool has_flag(int argc, char **argv, const char *flag, const char *short_flag)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], flag) == 0 || (short_flag && strcmp(argv[i], short_flag) == 0))
            return true;
    return false;
}

/* The interpreter started as for a measuring run, then finalised: what a timer of
 * interpreter start-up runs. Nothing printed, nothing written. */
static int start_and_stop(void)
{
    char err[1024];
    if (interp_start(IDIOMBENCH_PYTHON, err, sizeof err) != 0) {
        complain(err);
        return EXIT_ENVIRONMENT;
    }
    return interp_stop() == 0 ? EXIT_OK : EXIT_ENVIRONMENT;
}

/* Options parsed: start the interpreter and run. */
static int run_with_options(const options *opts, int argc, char **argv)
{
    char err[1024];
    malloc_settle(); /* as every measuring run starts, --startup included */
    if (opts->startup)
        return start_and_stop();
    if (interp_start(IDIOMBENCH_PYTHON, err, sizeof err) != 0) {
        complain(err);
        return EXIT_ENVIRONMENT;
    }
    char suite_dir[PATH_MAX];
    find_suite_dir(suite_dir, sizeof suite_dir);
    int status = run_with_interpreter(opts, suite_dir, argc, argv);
    if (interp_stop() != 0 && status == EXIT_OK)
        status = EXIT_ENVIRONMENT;
    return status;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int original_argc = argc;
    char **original_argv = calloc((size_t)argc + 1, sizeof *original_argv);
    if (original_argv == NULL)
        return EXIT_ENVIRONMENT;
    memcpy(original_argv, argv, (size_t)argc * sizeof *argv);

    options opts;
    char err[1024];
    int status;
    /* --help is ours, asked before Google Benchmark would answer it with its own;
     * --startup leaves Google Benchmark out. */
    if (has_flag(argc, argv, "--help", "-h")) {
        options_print_help(stdout);
        status = EXIT_OK;
    } else if (!has_flag(argc, argv, "--startup", NULL) &&
               gbench_shim_initialize(&argc, argv, err, sizeof err) != 0) {
        complain(err);
        status = EXIT_USAGE;
    } else if (options_parse(argc, argv, &opts, err, sizeof err) != 0) {
        complain(err);
        status = EXIT_USAGE;
    } else {
        status = run_with_options(&opts, original_argc, original_argv);
    }
    gbench_shim_finish();
    free(original_argv);
    return status;
}
