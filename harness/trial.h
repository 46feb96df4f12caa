/* trial.h: a function run first in a child process, under a deadline, to learn whether
 * it returns or ends the process (an exit, a crash, a hang) before it is run for real. */
#ifndef IDIOMBENCH_TRIAL_H
#define IDIOMBENCH_TRIAL_H

#include <stddef.h>

/* The function tried: returns 0, or -1 with one line in err. */
typedef int (*trial_fn)(void *ctx, char *err, size_t err_size);

typedef enum trial_result {
    TRIAL_RETURNED_OK,    /* fn returned 0 */
    TRIAL_RETURNED_ERROR, /* fn returned -1: err holds its line */
    TRIAL_ENDED_PROCESS,  /* the child ended without returning: err says how, as a
                           * predicate ("exited the process (exit status 7)") */
    TRIAL_NOT_RUN,        /* no child could be started: err says why */
} trial_result;

/* Runs fn(ctx) in a child forked from this process (the interpreter running, the GIL
 * held, no other thread), with stdout and stderr on /dev/null, in a process group of its
 * own. The group is killed whole (fn's descendants too) once fn has returned, and at
 * once after timeout_s seconds. Nothing fn does reaches this process but its line. */
trial_result trial_run(trial_fn fn, void *ctx, int timeout_s, char *err, size_t err_size);

#endif
