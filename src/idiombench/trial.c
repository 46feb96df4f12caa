/* trial.c: a function run in a forked child under a deadline; its result as bytes, or
 * how the child ended without returning. */
/* pyutil.h (Python.h) before every other header: 2.7's pyconfig.h defines
 * _POSIX_C_SOURCE and _XOPEN_SOURCE, which a system header would define first. */
#include "pyutil.h"
#include "trial.h"
#include "child_proc.h"
#include "fdio.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { POLL_STEP_MS = 50, LINE_SIZE = 1024 };
#define STILL_RUNNING (-1)

/* The child's report: outcome ('0' or '1'), the result's length (8 bytes), the result,
 * then the line. */
enum { HEADER_SIZE = 1 + sizeof(uint64_t) };

typedef struct report {
    char *data;
    size_t length, capacity;
    bool failed; /* out of memory: the rest is read and dropped */
} report;

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void run_child(trial_fn fn, void *ctx, int fd, pid_t parent)
{
    if (!child_proc_detach(parent)) /* a session of its own, ended with the parent */
        _exit(EXIT_FAILURE);
    trial_bytes result = {NULL, 0};
    char line[LINE_SIZE] = "";
    char outcome = fn(ctx, &result, line, sizeof line) == 0 ? '0' : '1';
    pyutil_flush_std_streams(); /* what fn printed, before _exit() */
    uint64_t length = outcome == '0' ? result.length : 0;
    /* A report cut short is the parent's to notice (parse()). */
    fdio_write_all(fd, &outcome, 1);
    fdio_write_all(fd, &length, sizeof length);
    fdio_write_all(fd, result.data, (size_t)length);
    fdio_write_all(fd, line, strnlen(line, sizeof line));
    _exit(EXIT_SUCCESS);
}

/* Appends what fd holds now to rep; false at end of file or on an error. */
static bool read_available(int fd, report *rep)
{
    char chunk[4096];
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0)
        return errno == EINTR || errno == EAGAIN;
    if (got == 0)
        return false;
    if (!rep->failed && rep->length + (size_t)got > rep->capacity) {
        size_t capacity = (rep->length + (size_t)got) * 2;
        char *grown = realloc(rep->data, capacity);
        rep->failed = grown == NULL;
        if (grown != NULL) {
            rep->data = grown;
            rep->capacity = capacity;
        }
    }
    if (!rep->failed) {
        memcpy(rep->data + rep->length, chunk, (size_t)got);
        rep->length += (size_t)got;
    }
    return true;
}

/* Reads the child's report until the child ends. Returns its wait status, or
 * STILL_RUNNING at the deadline. Once the pipe is closed the child is looked at again
 * after 1, 2, 4... ms, up to POLL_STEP_MS. (The harness installs no Python signal
 * handlers: a Ctrl-C ends it, and the child with it.) */
static int collect(pid_t pid, int fd, int timeout_s, report *rep)
{
    bool open_end = true;
    int pause_ms = 1;
    int64_t deadline = now_ms() + (int64_t)timeout_s * 1000;
    for (;;) {
        int status;
        pid_t ended = waitpid(pid, &status, WNOHANG);
        struct pollfd wanted = {.fd = fd, .events = POLLIN};
        /* Once the child has ended, only what its report left in the pipe is read. */
        while (open_end && poll(&wanted, 1, ended == pid ? 0 : POLL_STEP_MS) > 0)
            open_end = read_available(fd, rep);
        if (ended == pid)
            return status;
        if (now_ms() >= deadline)
            return STILL_RUNNING;
        if (!open_end) {
            poll(NULL, 0, pause_ms);
            pause_ms = pause_ms * 2 < POLL_STEP_MS ? pause_ms * 2 : POLL_STEP_MS;
        }
    }
}

/* fn's outcome from a whole report, its result copied to *result; TRIAL_NOT_RUN when
 * the report is missing or cut (the child ended before it was sent). */
static trial_outcome parse(const report *rep, trial_bytes *result, char *err,
                           size_t err_size)
{
    uint64_t length;
    if (rep->failed) {
        snprintf(err, err_size, "out of memory for the child's report");
        return TRIAL_NOT_RUN;
    }
    if (rep->length < HEADER_SIZE ||
        (rep->data[0] != '0' && rep->data[0] != '1'))
        return TRIAL_NOT_RUN;
    memcpy(&length, rep->data + 1, sizeof length);
    if (length > rep->length - HEADER_SIZE)
        return TRIAL_NOT_RUN;
    const char *line = rep->data + HEADER_SIZE + length;
    snprintf(err, err_size, "%.*s", (int)(rep->length - HEADER_SIZE - length), line);
    if (rep->data[0] == '1')
        return TRIAL_RETURNED_ERROR;
    result->data = malloc(length > 0 ? (size_t)length : 1);
    if (result->data == NULL) {
        snprintf(err, err_size, "out of memory");
        return TRIAL_NOT_RUN;
    }
    memcpy(result->data, rep->data + HEADER_SIZE, (size_t)length);
    result->length = (size_t)length;
    return TRIAL_RETURNED_OK;
}

/* How a child that did not report ended, as a predicate of "the child". */
static void describe_end(int status, int timeout_s, char *err, size_t err_size)
{
    if (status == STILL_RUNNING)
        snprintf(err, err_size, "was still running after %d s (the time limit)", timeout_s);
    else if (WIFSIGNALED(status))
        snprintf(err, err_size, "crashed the process (signal %d, %s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else
        snprintf(err, err_size, "exited the process (exit status %d)", WEXITSTATUS(status));
}

/* Forks the child that runs fn; its pid, or -1 with err set. */
static pid_t start_child(trial_fn fn, void *ctx, int fds[2], char *err, size_t err_size)
{
    fflush(NULL); /* or the child would hold the parent's buffered output too */
    pid_t parent = getpid();
    pyutil_before_fork();
    pid_t pid = fork();
    if (pid == 0) {
        pyutil_after_fork(1);
        close(fds[0]);
        run_child(fn, ctx, fds[1], parent);
    }
    int fork_errno = errno;
    pyutil_after_fork(0);
    close(fds[1]);
    if (pid < 0)
        snprintf(err, err_size, "cannot start a child process: %s", strerror(fork_errno));
    return pid;
}

trial_outcome trial_run(trial_fn fn, void *ctx, int timeout_s, trial_bytes *result,
                        char *err, size_t err_size)
{
    result->data = NULL;
    result->length = 0;
    err[0] = '\0';
    int fds[2];
    if (pipe(fds) != 0) {
        snprintf(err, err_size, "cannot make a pipe: %s", strerror(errno));
        return TRIAL_NOT_RUN;
    }
    pid_t pid = start_child(fn, ctx, fds, err, err_size);
    if (pid < 0) {
        close(fds[0]);
        return TRIAL_NOT_RUN;
    }
    report rep = {NULL, 0, 0, false};
    int status = collect(pid, fds[0], timeout_s, &rep);
    close(fds[0]);
    child_proc_kill(pid); /* the child at the deadline, and whatever it started */
    if (status == STILL_RUNNING)
        waitpid(pid, NULL, 0);
    trial_outcome outcome = parse(&rep, result, err, err_size);
    free(rep.data);
    if (outcome == TRIAL_NOT_RUN && err[0] == '\0') {
        describe_end(status, timeout_s, err, err_size);
        outcome = TRIAL_ENDED_PROCESS;
    }
    return outcome;
}
