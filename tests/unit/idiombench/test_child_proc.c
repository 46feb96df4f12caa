/* test_child_proc.c: a child in a session of its own is killed together with what it
 * forked, a process that left its group is swept up all the same, waiting for a child
 * that does not end stops at the deadline, and how a child ended is told in words. */
#include "check.h"
#include "child_proc.h"
#include "clock.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define NS_PER_S 1000000000LL

/* True when no process has this pid any more (a zombie still has it). */
static bool gone(pid_t pid)
{
    return kill(pid, 0) != 0 && errno == ESRCH;
}

/* Forks a child that detaches, forks a grandchild (which leaves the group first when
 * leave_group), writes the grandchild's pid to *grandchild and sleeps. Returns the
 * child's pid, or -1. */
static pid_t start_family(bool leave_group, pid_t *grandchild)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        if (!child_proc_detach(parent))
            _exit(1);
        pid_t inner = fork();
        if (inner == 0) {
            if (leave_group)
                setsid();
            for (;;)
                pause();
        }
        if (write(fds[1], &inner, sizeof inner) != (ssize_t)sizeof inner)
            _exit(2);
        for (;;)
            pause();
    }
    close(fds[1]);
    bool read_it = pid > 0 && read(fds[0], grandchild, sizeof *grandchild) ==
                                  (ssize_t)sizeof *grandchild;
    close(fds[0]);
    return read_it ? pid : -1;
}

TEST(ending_a_child_kills_what_it_forked)
{
    pid_t grandchild;
    pid_t pid = start_family(false, &grandchild);
    REQUIRE(pid > 0);
    CHECK(getpgid(pid) == pid); /* a group of its own */
    int status = child_proc_end(pid, true, clock_now_ns() + 5 * NS_PER_S);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    CHECK(gone(pid));
    CHECK(gone(grandchild));
}

TEST(a_process_that_left_the_group_is_swept_up)
{
    pid_t grandchild;
    pid_t pid = start_family(true, &grandchild);
    REQUIRE(pid > 0);
    usleep(100000); /* time for the grandchild's setsid */
    CHECK(getpgid(grandchild) == grandchild); /* not in the child's group */
    child_proc_end(pid, true, clock_now_ns() + 5 * NS_PER_S);
    CHECK(gone(pid));
    CHECK(gone(grandchild));
}

TEST(an_ended_child_gives_its_exit_status)
{
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0)
        _exit(5);
    int status = child_proc_end(pid, false, clock_now_ns() + 5 * NS_PER_S);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
}

TEST(waiting_stops_at_the_deadline)
{
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        for (;;)
            pause();
    }
    int64_t start_ns = clock_now_ns();
    int status;
    CHECK(!child_proc_wait(pid, start_ns + NS_PER_S / 5, &status));
    int64_t waited_ns = clock_now_ns() - start_ns;
    CHECK(waited_ns >= NS_PER_S / 5);
    CHECK(waited_ns < 3 * NS_PER_S); /* a deadline, however loaded the machine */
    child_proc_kill(pid);
    CHECK(child_proc_wait(pid, clock_now_ns() + 5 * NS_PER_S, &status));
    CHECK(WIFSIGNALED(status));
}

TEST(how_a_child_ended_in_words)
{
    char text[128];
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        signal(SIGSEGV, SIG_DFL);
        raise(SIGSEGV);
        _exit(0);
    }
    child_proc_describe_end(child_proc_end(pid, false, clock_now_ns() + 5 * NS_PER_S), text,
                            sizeof text);
    CHECK_STR_EQ(text, "crashed: SIGSEGV (Segmentation fault)");
    child_proc_describe_end(3 << 8, text, sizeof text); /* the status of exit(3) */
    CHECK_STR_EQ(text, "exited with status 3");
    child_proc_describe_end(SIGKILL, text, sizeof text);
    CHECK_STR_EQ(text, "killed: SIGKILL (out of memory?)");
    child_proc_describe_end(SIGTERM, text, sizeof text);
    CHECK_STR_EQ(text, "killed: SIGTERM (Terminated)");
    child_proc_describe_end(-1, text, sizeof text);
    CHECK_STR_EQ(text, "ended, and could not be waited for");
}

int main(void)
{
    child_proc_adopt_orphans();
    RUN(ending_a_child_kills_what_it_forked);
    RUN(a_process_that_left_the_group_is_swept_up);
    RUN(an_ended_child_gives_its_exit_status);
    RUN(waiting_stops_at_the_deadline);
    RUN(how_a_child_ended_in_words);
    return check_summary();
}
