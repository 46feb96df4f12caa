/* trial.h: a function run in a child process, under a deadline, so that it cannot end
 * or block the caller's process (an exit, a crash, a hang); what it returns comes back
 * as bytes. */
#ifndef IDIOMBENCH_TRIAL_H
#define IDIOMBENCH_TRIAL_H

#include <stddef.h>

/* A malloc'd buffer and its length. */
typedef struct trial_bytes {
    char *data;
    size_t length;
} trial_bytes;

/* The function tried: returns 0 with its result in *result (malloc'd, or left empty),
 * or -1 with one line in err. */
typedef int (*trial_fn)(void *ctx, trial_bytes *result, char *err, size_t err_size);

typedef enum trial_outcome {
    TRIAL_RETURNED_OK,    /* fn returned 0: *result holds its bytes */
    TRIAL_RETURNED_ERROR, /* fn returned -1: err holds its line */
    TRIAL_ENDED_PROCESS,  /* the child ended without returning: err says how, as a
                           * predicate ("exited the process (exit status 7)") */
    TRIAL_NOT_RUN,        /* no child could be started, or its report was lost: err */
} trial_outcome;

/* Runs fn(ctx) in a child forked from this process (the interpreter running, the GIL
 * held, no other thread), in a process group of its own, killed when this process dies;
 * what it prints goes where this process's output goes. The group is killed whole (fn's descendants too)
 * once fn has returned, and at once after timeout_s seconds. Nothing fn does reaches
 * this process but its result or its line. *result is malloc'd (free it) on
 * TRIAL_RETURNED_OK, empty otherwise. */
trial_outcome trial_run(trial_fn fn, void *ctx, int timeout_s, trial_bytes *result,
                        char *err, size_t err_size);

#endif
