/* probe_instructions.c: instructions per operation from callgrind's own counters. */
#include "probe_instructions.h"

#include "interp.h"
#include "marks.h"
#include "valgrind_compat.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DIR_VARIABLE "IDIOMBENCH_CALLGRIND_DIR"
#define TRIGGER "desc: Trigger: Client Request: "

bool probe_instructions_available(void)
{
    return HAVE_CALLGRIND && RUNNING_ON_VALGRIND && getenv(DIR_VARIABLE) != NULL;
}

const char *probe_instructions_missing(void)
{
    if (!HAVE_CALLGRIND)
        return "built without valgrind's headers (Debian: apt-get install valgrind)";
    return "not running under callgrind (bin/count-instructions counts instructions)";
}

/* The count of the dump file at path when its trigger is label: 0 and *count, else -1. */
static int read_dump(const char *path, const char *label, double *count)
{
    FILE *in = fopen(path, "r");
    if (in == NULL)
        return -1;
    char line[512];
    bool ours = false, found = false;
    while (fgets(line, sizeof line, in) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, TRIGGER, strlen(TRIGGER)) == 0)
            ours = strcmp(line + strlen(TRIGGER), label) == 0;
        else if (ours && strncmp(line, "summary: ", 9) == 0)
            found = sscanf(line + 9, "%lf", count) == 1;
    }
    fclose(in);
    return found ? 0 : -1;
}

/* Reads and removes the dump callgrind just wrote with the trigger label. */
static int take_dump(const char *label, double *count)
{
    const char *dir_path = getenv(DIR_VARIABLE);
    DIR *dir = dir_path ? opendir(dir_path) : NULL;
    if (dir == NULL)
        return -1;
    int status = -1;
    struct dirent *entry;
    char path[4096];
    while (status != 0 && (entry = readdir(dir)) != NULL) {
        if (strncmp(entry->d_name, "cg.", 3) != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir_path, entry->d_name);
        if (read_dump(path, label, count) == 0) {
            unlink(path);
            status = 0;
        }
    }
    closedir(dir);
    return status;
}

/* The instructions of one run of body (loops operations; none: 0): collection on
 * between its marks, then a dump under a label of its own, read back at once. */
static int count_loop(const loop_body *body, PyObject *n, Py_ssize_t loops, double *count)
{
    static unsigned long dumps;
    *count = 0.0;
    if (loops == 0)
        return 0;
    mark_span span;
    marks_count_instructions(true);
    int status = loop_run(body, n, loops, &span);
    marks_count_instructions(false);
    char label[64];
    snprintf(label, sizeof label, "idiombench-%ld-%lu", (long)getpid(), ++dumps);
    if (status != 0)
        return -1;
    CALLGRIND_DUMP_STATS_AT(label);
    if (take_dump(label, count) != 0) {
        PyErr_Format(PyExc_RuntimeError, "callgrind's dump '%s' was not found in $%s",
                     label, DIR_VARIABLE);
        return -1;
    }
    return 0;
}

/* The statement's loop's instructions less the empty twin's, both of `loops` operations. */
static int count_twins(const loop_twins *twins, Py_ssize_t loops, double *net)
{
    double stmt, empty;
    if (count_loop(&twins->stmt, twins->n, loops, &stmt) != 0 ||
        count_loop(&twins->empty, twins->n, loops, &empty) != 0)
        return -1;
    *net = stmt - empty;
    return 0;
}

void probe_instructions_instrument(bool on)
{
    if (on)
        CALLGRIND_START_INSTRUMENTATION;
    else
        CALLGRIND_STOP_INSTRUMENTATION;
}

int probe_instructions_warm_up(const loop_twins *twins, Py_ssize_t loops)
{
    mark_span span;
    if (loop_run(&twins->stmt, twins->n, loops, &span) != 0 ||
        loop_run(&twins->empty, twins->n, loops, &span) != 0)
        return -1;
    return 0;
}

int probe_instructions_sample(const loop_twins *twins, Py_ssize_t loops, double *net_per_op)
{
    Py_ssize_t fewer = loops / 2; /* 0 for one operation: nothing to difference */
    double net_fewer, net_all;
    /* Each run from a full collection, as the collector's counts then are the same. */
    if (interp_collect() != 0 || count_twins(twins, fewer, &net_fewer) != 0 ||
        interp_collect() != 0 || count_twins(twins, loops, &net_all) != 0)
        return -1;
    *net_per_op = (net_all - net_fewer) / (double)(loops - fewer);
    return 0;
}
