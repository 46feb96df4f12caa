/* options.h: the command line, turned into a validated struct; owns --help. */
#ifndef IDIOMBENCH_OPTIONS_H
#define IDIOMBENCH_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses, as --help and the README document them. */
enum exit_status {
    EXIT_OK = 0,            /* every selected case was measured */
    EXIT_CASES_FAILED = 1,  /* some cases failed; the others' results are written */
    EXIT_USAGE = 2,         /* bad option, filter, catalogue or --out: nothing measured */
    EXIT_ENVIRONMENT = 3,   /* the interpreter could not start, or memory ran out */
    EXIT_WRITE_FAILED = 4,  /* the run folder could not take the results: the run stopped */
};

/* --help is not among them: main answers it before Google Benchmark reads argv. */
typedef struct options {
    bool list;
    bool list_csv;          /* --format csv: --list as CSV rows (LIST_COLUMNS) */
    bool startup;           /* start and finalise the interpreter, nothing else */
    bool quick;
    bool no_observations;   /* leave out the catalogue's OBSERVATIONS */
    bool keep_partial;      /* leave the run in <folder>.partial for the caller to rename */
    const char *filter;     /* extended regex on "family/case"; NULL for all */
    int repetitions;        /* samples of the time pass's first batch (of the whole pass
                             * with ci_target 0), and of every other pass at most */
    double ci_target;       /* adaptive sampling's goal: the median's 95% interval within
                             * ± this fraction of it; 0: off; negative: not given */
    double case_budget_s;   /* adaptive sampling's time per case and size; 0: not given */
    const char *out_dir;    /* NULL: results/<run-id> in the suite's folder */
    const char *catalogue;  /* NULL: the suite's bench/ folder */
    const char *instruments; /* "time,allocs": run only these; NULL: each case's own */
    int64_t target_ns;      /* calibration target: duration of one timed loop */
    int pairs;              /* statement/empty loop pairs per sample */
    int case_timeout_s;     /* time limit of one case at one size, in its child process */
} options;

/* Parses argv (Google Benchmark's flags already taken out). Returns 0, or -1 with one
 * line naming the bad argument and the fix in err. */
int options_parse(int argc, char **argv, options *out, char *err, size_t err_size);

void options_print_help(FILE *out);

#endif
