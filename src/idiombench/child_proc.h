/* child_proc.h: child processes that cannot outlive their work. Each child leads a
 * session (and process group) of its own, so that it is killed together with whatever
 * it forked; this process adopts the orphans of its descendants, so that a process that
 * left the group is found too; every wait has a deadline; and how a child ended is told
 * in words. */
#ifndef IDIOMBENCH_CHILD_PROC_H
#define IDIOMBENCH_CHILD_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* In the parent, before its first child: the orphans of its descendants become its
 * children (Linux's child subreaper), for child_proc_sweep to find. */
void child_proc_adopt_orphans(void);

/* In a child just forked: a session and process group of its own (its id is the
 * child's pid), and SIGKILL when the parent dies. False when the parent is already
 * gone (the child must end). */
bool child_proc_detach(pid_t parent);

/* Sends SIGKILL to the child's process group, and to the child itself in case it had
 * not left the parent's group yet. Async-signal-safe. */
void child_proc_kill(pid_t pid);

/* Waits for the child until deadline_ns (clock_now_ns()); true with its wait status in
 * *status when it ended by then. */
bool child_proc_wait(pid_t pid, int64_t deadline_ns, int *status);

/* Kills the child's group (first, when kill_first), waits for the child (until
 * deadline_ns, then kills it all the same and gives it a little longer), and sweeps.
 * Returns its wait status; -1 when it could not be reaped. */
int child_proc_end(pid_t pid, bool kill_first, int64_t deadline_ns);

/* Kills and reaps every child this process still has: adopted orphans of its
 * descendants and anything they started. Call when no child of this process is meant to
 * be running. Gives up after a few seconds (a process stuck in the kernel). */
void child_proc_sweep(void);

/* How a child ended, from its wait status (-1: it could not be reaped), in out:
 * "crashed: SIGSEGV (Segmentation fault)", "killed: SIGKILL (out of memory?)",
 * "exited with status 3". */
void child_proc_describe_end(int wait_status, char *out, size_t size);

#endif
