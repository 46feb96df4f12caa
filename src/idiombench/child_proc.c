/* child_proc.c: sessions per child, waits with a deadline, the sweep of leftovers, and
 * how a child ended. */
#include "child_proc.h"
#include "clock.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FIRST_POLL_NS 20000LL            /* between two looks at a child: at first, */
#define POLL_NS 1000000LL                /* doubling up to this */
#define KILLED_GRACE_NS 5000000000LL     /* for a killed process to be reaped */
#define SWEEP_NS 5000000000LL            /* for the sweep as a whole */

void child_proc_adopt_orphans(void)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
}

bool child_proc_detach(pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a run interrupted leaves no child behind */
    setsid();
    return getppid() == parent;
}

void child_proc_kill(pid_t pid)
{
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
}

static void pause_ns(int64_t duration_ns)
{
    struct timespec pause = {0, (long)duration_ns};
    nanosleep(&pause, NULL);
}

bool child_proc_wait(pid_t pid, int64_t deadline_ns, int *status)
{
    int64_t poll_ns = FIRST_POLL_NS;
    for (;;) {
        pid_t got = waitpid(pid, status, WNOHANG);
        if (got == pid)
            return true;
        if (got < 0 && errno != EINTR)
            return false; /* not our child (any more) */
        if (clock_now_ns() >= deadline_ns)
            return false;
        pause_ns(poll_ns);
        poll_ns = poll_ns * 2 < POLL_NS ? poll_ns * 2 : POLL_NS;
    }
}

int child_proc_end(pid_t pid, bool kill_first, int64_t deadline_ns)
{
    int status = -1;
    if (kill_first)
        child_proc_kill(pid);
    if (!child_proc_wait(pid, deadline_ns, &status)) {
        child_proc_kill(pid);
        if (!child_proc_wait(pid, clock_now_ns() + KILLED_GRACE_NS, &status))
            status = -1;
    }
    child_proc_kill(pid); /* what it forked, still in its group */
    child_proc_sweep();
    return status;
}

/* SIGKILL to every child of this process that /proc lists (each thread's list). */
static void kill_listed_children(void)
{
    DIR *tasks = opendir("/proc/self/task");
    struct dirent *task;
    while (tasks != NULL && (task = readdir(tasks)) != NULL) {
        if (task->d_name[0] == '.')
            continue;
        char path[300];
        snprintf(path, sizeof path, "/proc/self/task/%s/children", task->d_name);
        FILE *list = fopen(path, "r");
        long pid;
        while (list != NULL && fscanf(list, "%ld", &pid) == 1)
            child_proc_kill((pid_t)pid);
        if (list != NULL)
            fclose(list);
    }
    if (tasks != NULL)
        closedir(tasks);
}

void child_proc_sweep(void)
{
    int64_t deadline_ns = clock_now_ns() + SWEEP_NS;
    for (;;) {
        pid_t got;
        int status;
        while ((got = waitpid(-1, &status, WNOHANG)) > 0)
            ;
        if (got < 0 && errno == ECHILD)
            return; /* no child left */
        if (clock_now_ns() >= deadline_ns)
            return;
        kill_listed_children();
        pause_ns(POLL_NS);
    }
}

static const char *signal_name(int number)
{
    static const struct {
        int number;
        const char *name;
    } names[] = {
        {SIGSEGV, "SIGSEGV"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
        {SIGILL, "SIGILL"},   {SIGKILL, "SIGKILL"}, {SIGTERM, "SIGTERM"}, {SIGINT, "SIGINT"},
        {SIGHUP, "SIGHUP"},   {SIGPIPE, "SIGPIPE"}, {SIGXCPU, "SIGXCPU"}, {SIGTRAP, "SIGTRAP"},
        {SIGSYS, "SIGSYS"},   {SIGUSR1, "SIGUSR1"}, {SIGUSR2, "SIGUSR2"}, {SIGQUIT, "SIGQUIT"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].number == number)
            return names[i].name;
    return "signal";
}

void child_proc_describe_end(int wait_status, char *out, size_t size)
{
    if (wait_status == -1) {
        snprintf(out, size, "ended, and could not be waited for");
        return;
    }
    if (WIFEXITED(wait_status)) {
        snprintf(out, size, "exited with status %d", WEXITSTATUS(wait_status));
        return;
    }
    int number = WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0;
    bool crash = number == SIGSEGV || number == SIGABRT || number == SIGBUS ||
                 number == SIGFPE || number == SIGILL || number == SIGTRAP || number == SIGSYS;
    if (number == SIGKILL)
        snprintf(out, size, "killed: SIGKILL (out of memory?)");
    else
        snprintf(out, size, "%s: %s (%s)", crash ? "crashed" : "killed", signal_name(number),
                 strsignal(number));
}
