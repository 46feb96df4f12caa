/* test_trial.c: trial.c runs a function in a child under a deadline and gives back what
 * it returned (its bytes, or its error line), or how the child ended without returning;
 * nothing the child started outlives the trial. */
#include "trial.h"
#include "check.h"
#include "embed.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int changed_in_child;

/* Returns ctx's length bytes (0, 1, 2...), more than a pipe holds at once. */
static int returns_ok(void *ctx, trial_bytes *result, char *err, size_t err_size)
{
    size_t length = *(size_t *)ctx;
    changed_in_child = 1;
    result->data = malloc(length);
    for (size_t i = 0; result->data != NULL && i < length; i++)
        result->data[i] = (char)i;
    result->length = result->data != NULL ? length : 0;
    snprintf(err, err_size, "ignored");
    return 0;
}

static int returns_error(void *ctx, trial_bytes *result, char *err, size_t err_size)
{
    (void)result;
    snprintf(err, err_size, "bad: %s", (const char *)ctx);
    return -1;
}

static int exits(void *ctx, trial_bytes *result, char *err, size_t err_size)
{
    (void)result, (void)err, (void)err_size;
    _exit(*(int *)ctx);
}

static int killed(void *ctx, trial_bytes *result, char *err, size_t err_size)
{
    (void)ctx, (void)result, (void)err, (void)err_size;
    kill(getpid(), SIGKILL);
    return 0;
}

static int hangs(void *ctx, trial_bytes *result, char *err, size_t err_size)
{
    (void)ctx, (void)result, (void)err, (void)err_size;
    for (;;)
        pause();
    return 0;
}

/* Forks a grandchild that sleeps, writes its pid to the pipe ctx, and returns. */
static int leaves_a_child(void *ctx, trial_bytes *result, char *err, size_t err_size)
{
    (void)result, (void)err, (void)err_size;
    int fd = *(int *)ctx;
    pid_t pid = fork();
    if (pid == 0) {
        sleep(600);
        _exit(0);
    }
    if (write(fd, &pid, sizeof pid) != (ssize_t)sizeof pid)
        return -1;
    return 0;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Whether pid runs: it exists and is no zombie (which no one may be left to reap). */
static bool running(pid_t pid)
{
    char path[64], state = 'Z';
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *stream = fopen(path, "r");
    if (stream == NULL)
        return false;
    int read = fscanf(stream, "%*d %*s %c", &state);
    fclose(stream);
    return read == 1 && state != 'Z';
}

TEST(a_function_that_returns_0_gives_its_bytes_and_changes_nothing_here)
{
    char err[256] = "";
    trial_bytes result;
    size_t lengths[] = {0, 3, 200000};
    for (size_t k = 0; k < sizeof lengths / sizeof *lengths; k++) {
        CHECK_EQ_INT(trial_run(returns_ok, &lengths[k], 10, &result, err, sizeof err),
                     TRIAL_RETURNED_OK);
        CHECK(result.length == lengths[k]);
        bool same = result.data != NULL;
        for (size_t i = 0; same && i < result.length; i++)
            same = result.data[i] == (char)i;
        CHECK(same);
        free(result.data);
    }
    CHECK_EQ_INT(changed_in_child, 0);
}

TEST(a_function_that_fails_gives_its_line)
{
    char err[256] = "";
    trial_bytes result;
    CHECK_EQ_INT(trial_run(returns_error, "x.py:3", 10, &result, err, sizeof err),
                 TRIAL_RETURNED_ERROR);
    CHECK_STR_EQ(err, "bad: x.py:3");
    CHECK(result.data == NULL && result.length == 0);
}

TEST(an_exit_is_reported_with_its_status)
{
    char err[256] = "";
    trial_bytes result;
    int status = 7;
    CHECK_EQ_INT(trial_run(exits, &status, 10, &result, err, sizeof err), TRIAL_ENDED_PROCESS);
    CHECK_STR_EQ(err, "exited the process (exit status 7)");
    status = 0; /* an exit 0 is no return either */
    CHECK_EQ_INT(trial_run(exits, &status, 10, &result, err, sizeof err), TRIAL_ENDED_PROCESS);
    CHECK_STR_EQ(err, "exited the process (exit status 0)");
}

TEST(a_signal_is_reported_with_its_number)
{
    char err[256] = "";
    trial_bytes result;
    CHECK_EQ_INT(trial_run(killed, NULL, 10, &result, err, sizeof err), TRIAL_ENDED_PROCESS);
    CHECK_STR_STARTS(err, "crashed the process (signal 9, ");
}

TEST(a_hang_is_stopped_at_the_deadline)
{
    char err[256] = "";
    trial_bytes result;
    double started = now_s();
    CHECK_EQ_INT(trial_run(hangs, NULL, 1, &result, err, sizeof err), TRIAL_ENDED_PROCESS);
    CHECK_STR_EQ(err, "was still running after 1 s (the time limit)");
    CHECK(now_s() - started < 10);
}

TEST(what_the_function_started_is_killed_with_it)
{
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    char err[256] = "";
    trial_bytes result;
    CHECK_EQ_INT(trial_run(leaves_a_child, &fds[1], 10, &result, err, sizeof err),
                 TRIAL_RETURNED_OK);
    free(result.data);
    pid_t grandchild = 0;
    CHECK(read(fds[0], &grandchild, sizeof grandchild) == (ssize_t)sizeof grandchild);
    close(fds[0]);
    close(fds[1]);
    for (int tries = 0; grandchild > 0 && running(grandchild) && tries < 100; tries++)
        usleep(10000);
    CHECK(grandchild > 0 && !running(grandchild));
}

int main(void)
{
    embed_start();
    RUN(a_function_that_returns_0_gives_its_bytes_and_changes_nothing_here);
    RUN(a_function_that_fails_gives_its_line);
    RUN(an_exit_is_reported_with_its_status);
    RUN(a_signal_is_reported_with_its_number);
    RUN(a_hang_is_stopped_at_the_deadline);
    RUN(what_the_function_started_is_killed_with_it);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
