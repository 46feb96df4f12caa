/* isolate.c: a child process per unit (a case at one size, or an observation), the time
 * limit per unit, and a child's death turned into a failed unit.
 *
 * The parent forks a child for each unit, in order. The child prints the unit's progress
 * line, measures it (measure.c, as without isolation) or runs the observation
 * (observe.c), sends what it found through a socket and ends. The parent adds what it
 * receives to the results, kills the child's process group (whatever the unit forked),
 * and writes the results before it forks the next child, so that writing never
 * overlaps a measurement and every child starts from the same parent. When the child
 * dies in the middle of its unit, or does not finish it in time, the parent records the
 * unit as failed. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "isolate.h"
#include "child_proc.h"
#include "clock.h"
#include "fdio.h"
#include "observe.h"
#include "options.h"
#include "pyutil.h"
#include "stage.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CASE_STAGE "process"            /* the stage of failures found by the parent */
#define OBSERVATION_STAGE "observation" /* the same for an observation's */
#define TRACEBACK_SIGNAL SIGUSR1        /* a child's faulthandler dumps its traceback */
#define TRACEBACK_GRACE_NS 500000000LL  /* how long a hung child gets to write it */
#define MAX_TRACEBACK_BYTES 65536
#define MAX_TEXT_BYTES (1 << 20)        /* a failure's text beyond this is garbage */
#define MAX_ROW_SAMPLES (1 << 20)       /* a row's samples beyond this are garbage */
#define NAME_BYTES 32                   /* of a metric's or a unit's name */
#define MAX_NAMES 32                    /* different names a run can receive */
#define NS_PER_S 1000000000LL
#define NS_PER_MS 1000000LL
#define LOOK_MS 100                     /* between two looks at whether a child ended */

/* --- what a child sends ------------------------------------------------------------
 * For a case: STARTED once its progress prefix is printed, a ROW per result row and a
 * FAILURE per failure, then DONE with the unit's outcome. For an observation: one
 * OBSERVATION, then DONE. A ROW is followed by its sample_count samples (doubles); a
 * FAILURE by its stage, error and traceback, an OBSERVATION by its value, error and an
 * empty third text, text_bytes[i] bytes each, without their NULs. The parent checks
 * what it can: a child may have corrupted its memory. */
typedef enum message_kind {
    MESSAGE_STARTED,
    MESSAGE_ROW,
    MESSAGE_FAILURE,
    MESSAGE_OBSERVATION,
    MESSAGE_DONE,
} message_kind;

typedef struct message {
    message_kind kind;
    measure_outcome outcome; /* DONE */
    bool output_lost;        /* DONE: the progress line could not be written */
    char metric[NAME_BYTES]; /* ROW */
    char unit[NAME_BYTES];   /* ROW */
    summary figures;         /* ROW */
    long loops;              /* ROW */
    size_t sample_count;     /* ROW */
    size_t text_bytes[3];    /* FAILURE, OBSERVATION */
} message;

/* The parent's view of the child running a unit. */
typedef struct child {
    pid_t pid;           /* also its process group's id */
    int fd;              /* the parent's end of the socket to it */
    size_t unit;         /* the unit it runs */
    bool started;        /* the child printed the unit's progress prefix */
    int64_t deadline_ns; /* when the unit's time is up */
} child;

typedef struct isolation {
    const isolate_plan *plan;
    results *res;
    isolate_after_fn after;
    void *ctx;
    FILE *trace_file; /* where a child's faulthandler writes; NULL without one */
    stage_board *board; /* where a child says what it is doing; NULL without one */
    char *err;
    size_t err_size;
} isolation;

/* What became of a child after a message or the lack of one. */
typedef enum follow {
    FOLLOW_ON,    /* more messages to come */
    FOLLOW_ENDED, /* the unit is over, the child reaped */
    FOLLOW_STOP,  /* the run cannot go on (err says why, or after stopped it) */
} follow;

static message new_message(message_kind kind)
{
    message m;
    memset(&m, 0, sizeof m); /* no uninitialised padding goes to the parent */
    m.kind = kind;
    return m;
}

static bool is_observation(const isolate_unit *u)
{
    return u->c == NULL;
}

static void print_prefix(const isolate_plan *plan, size_t index)
{
    const isolate_unit *u = &plan->units[index];
    char label[512];
    if (is_observation(u))
        snprintf(label, sizeof label, "observation %s/%s", u->o->family, u->o->name);
    else if (u->c->sizes != NULL && u->n >= 0)
        snprintf(label, sizeof label, "%s/%s n=%ld", u->c->family, u->c->name, u->n);
    else
        snprintf(label, sizeof label, "%s/%s", u->c->family, u->c->name);
    if (is_observation(u))
        printf("%s: ", label); /* printed only when it failed: no step number */
    else
        printf("[%*zu/%zu] %-40s ", plan->count >= 100 ? 3 : 2, index + 1, plan->count,
               label);
    fflush(stdout);
}

/* ===================================================================== the child === */

/* Writes all of data, or ends the child: without the parent, its work is lost. A
 * process that the unit's code forked ends here instead: it never reports. */
static void send_bytes(int fd, const void *data, size_t size)
{
    stage_leave_if_stray();
    if (fdio_write_all(fd, data, size) != 0)
        _exit(EXIT_ENVIRONMENT);
}

/* A message of kind followed by its three texts (NULL: empty). */
static void send_texts(int fd, message_kind kind, const char *const given[3])
{
    const char *texts[3];
    message m = new_message(kind);
    for (int k = 0; k < 3; k++) {
        texts[k] = given[k] ? given[k] : "";
        m.text_bytes[k] = strlen(texts[k]);
    }
    send_bytes(fd, &m, sizeof m);
    for (int k = 0; k < 3; k++)
        send_bytes(fd, texts[k], m.text_bytes[k]);
}

static void send_rows_and_failures(int fd, const results *r)
{
    for (size_t i = 0; i < r->row_count; i++) {
        message m = new_message(MESSAGE_ROW);
        snprintf(m.metric, sizeof m.metric, "%s", r->rows[i].metric);
        snprintf(m.unit, sizeof m.unit, "%s", r->rows[i].unit);
        m.figures = r->rows[i].figures;
        m.loops = r->rows[i].loops;
        m.sample_count = r->rows[i].sample_count;
        send_bytes(fd, &m, sizeof m);
        send_bytes(fd, r->rows[i].samples, m.sample_count * sizeof *r->rows[i].samples);
    }
    for (size_t i = 0; i < r->failure_count; i++) {
        const failure_row *f = &r->failures[i];
        const char *const texts[3] = {f->stage, f->error, f->traceback};
        send_texts(fd, MESSAGE_FAILURE, texts);
    }
}

/* A crash (or TRACEBACK_SIGNAL) writes the Python traceback to trace_fd. Python 3 only:
 * 2.7 has no faulthandler, and its failures keep their signal alone. */
static void enable_faulthandler(int trace_fd)
{
    if (trace_fd < 0)
        return;
    PyObject *module = PyImport_ImportModule("faulthandler");
    PyObject *enabled = module ? PyObject_CallMethod(module, "enable", "i", trace_fd) : NULL;
    PyObject *registered =
        enabled ? PyObject_CallMethod(module, "register", "ii", TRACEBACK_SIGNAL, trace_fd)
                : NULL;
    if (registered == NULL)
        PyErr_Clear();
    Py_XDECREF(registered);
    Py_XDECREF(enabled);
    Py_XDECREF(module);
}

/* Measures case unit u and sends its rows and failures. */
static measure_outcome measure_unit(const isolate_plan *plan, const isolate_unit *u, int fd)
{
    results r;
    if (results_init(&r, "") != 0)
        return MEASURE_FATAL;
    measure_outcome outcome = measure_case(u->c, u->n, &plan->settings, &r);
    if (outcome == MEASURE_SKIPPED)
        printf("skipped (--benchmark_filter)\n");
    fflush(stdout);
    send_rows_and_failures(fd, &r);
    return outcome; /* no results_free: the process ends now, and memory may have run out */
}

/* Runs observation unit u and sends its value or error. */
static measure_outcome observe_unit(const isolate_unit *u, int fd)
{
    char *value, *error;
    stage_set_pass(STAGE_OBSERVATION);
    if (observe_run(u->o, &value, &error) != 0)
        return MEASURE_FATAL;
    const char *const texts[3] = {value, error, NULL};
    send_texts(fd, MESSAGE_OBSERVATION, texts);
    return MEASURE_DONE;
}

/* Runs unit index and sends what it found, then DONE. */
static void run_unit(const isolate_plan *plan, size_t index, int fd)
{
    const isolate_unit *u = &plan->units[index];
    measure_outcome outcome;
    if (is_observation(u)) {
        outcome = observe_unit(u, fd);
    } else {
        print_prefix(plan, index);
        message started = new_message(MESSAGE_STARTED);
        send_bytes(fd, &started, sizeof started);
        outcome = measure_unit(plan, u, fd);
    }
    message done = new_message(MESSAGE_DONE);
    done.outcome = outcome;
    done.output_lost = fflush(stdout) != 0 || ferror(stdout); /* the case closed fd 1? */
    send_bytes(fd, &done, sizeof done);
}

static _Noreturn void run_child(const isolate_plan *plan, size_t index, int fd,
                                int trace_fd, stage_board *board, pid_t parent)
{
    if (!child_proc_detach(parent))
        _exit(EXIT_ENVIRONMENT);
    stage_claim(board);
    pyutil_after_fork(true);
    enable_faulthandler(trace_fd);
    run_unit(plan, index, fd);
    fflush(stdout);
    _exit(EXIT_OK); /* no interpreter finalisation, no atexit: the parent owns those */
}

/* ==================================================================== the parent === */

static volatile sig_atomic_t running_pid; /* the child running a unit now; 0: none */

void isolate_kill_running(void)
{
    pid_t pid = (pid_t)running_pid;
    if (pid > 0)
        child_proc_kill(pid);
}

static follow stop_run(isolation *iso, const char *what)
{
    snprintf(iso->err, iso->err_size, "%s", what);
    return FOLLOW_STOP;
}

static const isolate_unit *unit_of(const isolation *iso, const child *ch)
{
    return &iso->plan->units[ch->unit];
}

static result_key unit_key(const isolation *iso, const child *ch)
{
    const isolate_unit *u = unit_of(iso, ch);
    if (is_observation(u)) {
        result_key key = {u->o->family, u->o->name, -1};
        return key;
    }
    return results_key_of_case(u->c, u->n);
}

static int64_t deadline_after(const isolation *iso)
{
    return clock_now_ns() + (int64_t)iso->plan->timeout_s * NS_PER_S;
}

static int trace_fd(const isolation *iso)
{
    return iso->trace_file ? fileno(iso->trace_file) : -1;
}

/* Empties the traceback file before a child may write to it. */
static void reset_traceback(const isolation *iso)
{
    if (iso->trace_file != NULL && ftruncate(trace_fd(iso), 0) == 0)
        lseek(trace_fd(iso), 0, SEEK_SET);
}

/* What the last child's faulthandler wrote (malloc'd; "" when nothing), or NULL. */
static char *read_traceback(const isolation *iso)
{
    char *text = malloc(MAX_TRACEBACK_BYTES + 1);
    if (text == NULL)
        return NULL;
    ssize_t length = iso->trace_file ? pread(trace_fd(iso), text, MAX_TRACEBACK_BYTES, 0) : 0;
    text[length > 0 ? length : 0] = '\0';
    return text;
}

/* Forks the child that runs unit ch->unit. Returns 0, or -1 with err set. */
static int start_child(isolation *iso, child *ch)
{
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        snprintf(iso->err, iso->err_size, "cannot create a socket to a child process: %s",
                 strerror(errno));
        return -1;
    }
    reset_traceback(iso);
    stage_board_reset(iso->board);
    fflush(NULL); /* or the child would print the parent's buffered output again */
    pid_t parent = getpid();
    pyutil_before_fork();
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        run_child(iso->plan, ch->unit, fds[1], trace_fd(iso), iso->board, parent);
    }
    int fork_errno = errno;
    pyutil_after_fork(false);
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        snprintf(iso->err, iso->err_size, "cannot start a child process: %s (too many "
                 "processes, or memory?)", strerror(fork_errno));
        return -1;
    }
    ch->pid = pid;
    running_pid = pid;
    ch->fd = fds[0];
    ch->started = false;
    ch->deadline_ns = deadline_after(iso);
    return 0;
}

/* Kills the child's process group (all the unit started) and reaps the child, within
 * the time limit; closes its socket. Returns its wait status (-1: not reaped). */
static int reap_child(const isolation *iso, child *ch)
{
    int status = child_proc_end(ch->pid, true, deadline_after(iso));
    running_pid = 0;
    close(ch->fd);
    ch->pid = -1;
    ch->fd = -1;
    return status;
}

typedef enum read_status {
    READ_OK,
    READ_ENDED,     /* the socket closed or broke: the child ended */
    READ_TIMED_OUT, /* the unit's time is up */
    READ_GARBLED,   /* the child sent what it cannot have meant */
    READ_NO_MEMORY, /* the parent's memory ran out */
} read_status;

/* True when the child has ended (it is left to be reaped). A process it forked may
 * hold its end of the socket open: its end cannot be told from the socket alone. */
static bool child_ended(pid_t pid)
{
    siginfo_t info;
    info.si_pid = 0;
    return waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0;
}

/* Reads size bytes from the child's socket by its deadline. */
static read_status read_exactly(const child *ch, void *buffer, size_t size)
{
    char *at = buffer;
    while (size > 0) {
        int64_t left_ns = ch->deadline_ns - clock_now_ns();
        if (left_ns <= 0)
            return READ_TIMED_OUT;
        int64_t wait_ms = (left_ns + NS_PER_MS - 1) / NS_PER_MS;
        struct pollfd ready = {ch->fd, POLLIN, 0};
        int polled = poll(&ready, 1, wait_ms > LOOK_MS ? LOOK_MS : (int)wait_ms);
        if (polled < 0 && errno != EINTR)
            return READ_ENDED;
        if (polled == 0 && child_ended(ch->pid))
            return READ_ENDED;
        if (polled <= 0)
            continue;
        ssize_t got = read(ch->fd, at, size);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return READ_ENDED;
        at += got;
        size -= (size_t)got;
    }
    return READ_OK;
}

/* Reads the samples that follow a ROW message into *samples (malloc'd; NULL when
 * none). */
static read_status read_samples(const child *ch, const message *m, double **samples)
{
    if (m->sample_count > MAX_ROW_SAMPLES)
        return READ_GARBLED;
    if (m->sample_count == 0)
        return READ_OK;
    *samples = malloc(m->sample_count * sizeof **samples);
    if (*samples == NULL)
        return READ_NO_MEMORY;
    return read_exactly(ch, *samples, m->sample_count * sizeof **samples);
}

/* Reads the three texts that follow a FAILURE or OBSERVATION message into texts
 * (malloc'd). */
static read_status read_texts(const child *ch, const message *m, char *texts[3])
{
    for (int k = 0; k < 3; k++) {
        if (m->text_bytes[k] > MAX_TEXT_BYTES)
            return READ_GARBLED;
        texts[k] = malloc(m->text_bytes[k] + 1);
        if (texts[k] == NULL)
            return READ_NO_MEMORY;
        read_status status = read_exactly(ch, texts[k], m->text_bytes[k]);
        if (status != READ_OK)
            return status;
        texts[k][m->text_bytes[k]] = '\0';
    }
    return READ_OK;
}

/* The unit is over: its rows, value or failure are in; the child is reaped, and the
 * run can know. */
static follow finish_unit(isolation *iso, child *ch, measure_outcome outcome)
{
    if (ch->pid > 0)
        reap_child(iso, ch);
    if (iso->after(iso->ctx, outcome) != 0)
        return stop_run(iso, "");
    return FOLLOW_ENDED;
}

/* Records the unit as failed for reason, completing (or writing) its progress line. */
static follow fail_unit(isolation *iso, child *ch, const char *reason, const char *traceback)
{
    const char *stage = is_observation(unit_of(iso, ch)) ? OBSERVATION_STAGE : CASE_STAGE;
    if (!ch->started)
        print_prefix(iso->plan, ch->unit);
    printf("FAILED (%s): %s\n", stage, reason);
    if (results_add_failure(iso->res, unit_key(iso, ch), stage, reason,
                            traceback ? traceback : "") != 0)
        return stop_run(iso, "out of memory");
    return finish_unit(iso, ch, MEASURE_FAILED);
}

static follow take_done(isolation *iso, child *ch, measure_outcome outcome, bool output_lost)
{
    if (output_lost && ch->started) /* ends the line its prefix began */
        printf("progress lost: the case closed or broke its standard output\n");
    if (outcome == MEASURE_FATAL)
        return fail_unit(iso, ch, "out of memory", NULL);
    return finish_unit(iso, ch, outcome);
}

/* The one copy of a metric's or unit's name: result rows keep them by address, as
 * static strings, so they live as long as the process. NULL when the table is full. */
static const char *keep_name(const char *name)
{
    static char names[MAX_NAMES][NAME_BYTES];
    static size_t count;
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return names[i];
    if (count == MAX_NAMES)
        return NULL;
    snprintf(names[count], NAME_BYTES, "%s", name);
    return names[count++];
}

static follow take_row(isolation *iso, child *ch, message *m, const double *samples)
{
    m->metric[NAME_BYTES - 1] = m->unit[NAME_BYTES - 1] = '\0';
    const char *metric = keep_name(m->metric), *unit = keep_name(m->unit);
    if (metric == NULL || unit == NULL ||
        results_add_sampled_row(iso->res, unit_key(iso, ch), metric, unit, &m->figures,
                                samples, m->sample_count, m->loops) != 0)
        return stop_run(iso, "out of memory");
    return FOLLOW_ON;
}

static follow take_observation(isolation *iso, child *ch, char *texts[3])
{
    const isolate_unit *u = unit_of(iso, ch);
    if (results_add_observation(iso->res, u->o->family, u->o->name, texts[0],
                                texts[1]) != 0)
        return stop_run(iso, "out of memory");
    return FOLLOW_ON;
}

static follow take_message(isolation *iso, child *ch, message *m, const double *samples,
                           char *texts[3])
{
    switch (m->kind) {
    case MESSAGE_STARTED:
        ch->started = true;
        return FOLLOW_ON;
    case MESSAGE_ROW:
        return take_row(iso, ch, m, samples);
    case MESSAGE_FAILURE:
        if (results_add_failure(iso->res, unit_key(iso, ch), texts[0], texts[1],
                                texts[2]) != 0)
            return stop_run(iso, "out of memory");
        return FOLLOW_ON;
    case MESSAGE_OBSERVATION:
        return take_observation(iso, ch, texts);
    case MESSAGE_DONE:
        return take_done(iso, ch, m->outcome, m->output_lost);
    }
    return FOLLOW_STOP; /* not reached: follow_child checks the kind */
}

/* True when the message can have been meant, and fits the unit: an observation's child
 * sends no rows, a case's child no observation. */
static bool plausible(const isolation *iso, const child *ch, const message *m)
{
    bool observation = is_observation(unit_of(iso, ch));
    if ((int)m->kind < MESSAGE_STARTED || (int)m->kind > MESSAGE_DONE ||
        (int)m->outcome < MEASURE_DONE || (int)m->outcome > MEASURE_FATAL)
        return false;
    if (m->kind == MESSAGE_DONE || m->kind == MESSAGE_FAILURE)
        return true;
    return (m->kind == MESSAGE_OBSERVATION) == observation;
}

static void sleep_ns(int64_t duration_ns)
{
    struct timespec pause = {(time_t)(duration_ns / NS_PER_S), (long)(duration_ns % NS_PER_S)};
    while (nanosleep(&pause, &pause) != 0 && errno == EINTR)
        ;
}

/* "timed out after 2 s (--case-timeout) while running the setup (calibration)": read
 * before the child is asked for its traceback, which moves it on. */
static void describe_timeout(const isolation *iso, char *out, size_t size)
{
    char where[128];
    stage_describe(iso->board, where, sizeof where);
    snprintf(out, size, "timed out after %d s (--case-timeout) %s", iso->plan->timeout_s,
             where);
}

/* The child did not finish its unit: it ended, garbled its messages, or ran out of time
 * (then it is asked for its traceback and killed). */
static follow end_abnormally(isolation *iso, child *ch, read_status status)
{
    char reason[256];
    if (status == READ_GARBLED) {
        reap_child(iso, ch);
        snprintf(reason, sizeof reason, "sent garbled results (memory corrupted?)");
    } else if (status == READ_TIMED_OUT) {
        describe_timeout(iso, reason, sizeof reason);
        if (iso->trace_file != NULL) {
            kill(ch->pid, TRACEBACK_SIGNAL);
            sleep_ns(TRACEBACK_GRACE_NS);
        }
        reap_child(iso, ch);
    } else {
        /* Killing is harmless if it has exited, and needed if it closed its socket. */
        child_proc_describe_end(reap_child(iso, ch), reason, sizeof reason);
    }
    char *traceback = read_traceback(iso);
    follow next = fail_unit(iso, ch, reason, traceback);
    free(traceback);
    return next;
}

/* Reads the child's messages until its unit is over, recording what it found. */
static follow follow_child(isolation *iso, child *ch)
{
    follow next = FOLLOW_ON;
    while (next == FOLLOW_ON) {
        message m;
        double *samples = NULL;
        char *texts[3] = {NULL, NULL, NULL};
        read_status status = read_exactly(ch, &m, sizeof m);
        if (status == READ_OK && !plausible(iso, ch, &m))
            status = READ_GARBLED;
        if (status == READ_OK && m.kind == MESSAGE_ROW)
            status = read_samples(ch, &m, &samples);
        if (status == READ_OK && (m.kind == MESSAGE_FAILURE || m.kind == MESSAGE_OBSERVATION))
            status = read_texts(ch, &m, texts);
        if (status == READ_OK)
            next = take_message(iso, ch, &m, samples, texts);
        else if (status == READ_NO_MEMORY)
            next = stop_run(iso, "out of memory");
        else
            next = end_abnormally(iso, ch, status);
        free(samples);
        for (int k = 0; k < 3; k++)
            free(texts[k]);
    }
    if (next == FOLLOW_STOP && ch->pid > 0)
        reap_child(iso, ch);
    return next;
}

int isolate_run(const isolate_plan *plan, results *res, isolate_after_fn after, void *ctx,
                char *err, size_t err_size)
{
    isolation iso = {plan, res, after, ctx, tmpfile(), stage_board_new(), err, err_size};
    err[0] = '\0';
    child_proc_adopt_orphans();
    int status = 0;
    for (size_t index = 0; status == 0 && index < plan->count; index++) {
        child ch = {.pid = -1, .fd = -1, .unit = index};
        if (start_child(&iso, &ch) != 0 || follow_child(&iso, &ch) == FOLLOW_STOP)
            status = -1;
    }
    child_proc_sweep();
    stage_board_free(iso.board);
    if (iso.trace_file != NULL)
        fclose(iso.trace_file);
    return status;
}
