/* trial.c: a function tried in a forked child under a deadline; what it returned, or
 * how the child ended without returning. */
#include "trial.h"
#include "pyutil.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { POLL_STEP_MS = 50, REPORT_SIZE = 4096 };

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t written = write(fd, data, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return;
        data += written;
        length -= (size_t)written;
    }
}

/* In the child: fn's outcome ('0' or '1', then its line) on fd, and nothing else. */
static void run_child(trial_fn fn, void *ctx, int fd)
{
    setpgid(0, 0);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        if (null > STDERR_FILENO)
            close(null);
    }
    char line[REPORT_SIZE - 1] = "";
    char outcome = fn(ctx, line, sizeof line) == 0 ? '0' : '1';
    write_all(fd, &outcome, 1);
    write_all(fd, line, strnlen(line, sizeof line));
    _exit(0);
}

/* Appends what fd holds now to report; false at end of file or on an error. */
static bool read_available(int fd, char *report, size_t *length)
{
    char chunk[512];
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0)
        return errno == EINTR || errno == EAGAIN;
    size_t kept = (size_t)got < REPORT_SIZE - 1 - *length ? (size_t)got
                                                           : REPORT_SIZE - 1 - *length;
    memcpy(report + *length, chunk, kept);
    *length += kept;
    report[*length] = '\0';
    return got > 0;
}

/* Reads the child's report until the child ends or the deadline passes. Returns the
 * child's wait status, or -1 when it was still running at the deadline. Once the pipe is
 * closed the child is looked at again after 1, 2, 4... ms, up to POLL_STEP_MS. */
static int collect(pid_t pid, int fd, int timeout_s, char *report)
{
    size_t length = 0;
    bool open_end = true;
    int pause_ms = 1;
    int64_t deadline = now_ms() + (int64_t)timeout_s * 1000;
    for (;;) {
        int status;
        pid_t ended = waitpid(pid, &status, WNOHANG);
        struct pollfd wanted = {.fd = fd, .events = POLLIN};
        /* Once the child has ended, only what its report left in the pipe is read. */
        while (open_end && poll(&wanted, 1, ended == pid ? 0 : POLL_STEP_MS) > 0)
            open_end = read_available(fd, report, &length);
        if (ended == pid)
            return status;
        if (now_ms() >= deadline)
            return -1;
        if (!open_end) {
            poll(NULL, 0, pause_ms);
            pause_ms = pause_ms * 2 < POLL_STEP_MS ? pause_ms * 2 : POLL_STEP_MS;
        }
    }
}

/* How a child that did not report ended, as a predicate of "the child". */
static void describe_end(int status, int timeout_s, char *err, size_t err_size)
{
    if (status < 0)
        snprintf(err, err_size, "was still running after %d s (the time limit)", timeout_s);
    else if (WIFSIGNALED(status))
        snprintf(err, err_size, "crashed the process (signal %d, %s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else
        snprintf(err, err_size, "exited the process (exit status %d)", WEXITSTATUS(status));
}

trial_result trial_run(trial_fn fn, void *ctx, int timeout_s, char *err, size_t err_size)
{
    int fds[2];
    if (pipe(fds) != 0) {
        snprintf(err, err_size, "cannot make a pipe: %s", strerror(errno));
        return TRIAL_NOT_RUN;
    }
    fflush(NULL); /* or the child would hold the parent's buffered output too */
    pyutil_before_fork();
    pid_t pid = fork();
    if (pid == 0) {
        pyutil_after_fork(1);
        close(fds[0]);
        run_child(fn, ctx, fds[1]);
    }
    int fork_errno = errno;
    pyutil_after_fork(0);
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        snprintf(err, err_size, "cannot start a child process: %s", strerror(fork_errno));
        return TRIAL_NOT_RUN;
    }
    setpgid(pid, pid); /* as the child does: whichever runs first */
    char report[REPORT_SIZE] = "";
    int status = collect(pid, fds[0], timeout_s, report);
    close(fds[0]);
    kill(-pid, SIGKILL); /* the child at the deadline, and whatever it started */
    if (status < 0)
        waitpid(pid, NULL, 0);
    if (report[0] == '0' || report[0] == '1') {
        snprintf(err, err_size, "%s", report + 1);
        return report[0] == '0' ? TRIAL_RETURNED_OK : TRIAL_RETURNED_ERROR;
    }
    describe_end(status, timeout_s, err, err_size);
    return TRIAL_ENDED_PROCESS;
}
