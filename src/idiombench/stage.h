/* stage.h: where a child process is within its unit of work (which pass; in the setup,
 * in the statement's loop or around them), published in memory its parent shares, so
 * that a unit that runs out of time can be reported with what was running; and which
 * process owns the unit, so that a process forked by a case's code never reports. */
#ifndef IDIOMBENCH_STAGE_H
#define IDIOMBENCH_STAGE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum stage_pass {
    STAGE_STARTING,     /* the child has not reached its unit's code yet */
    STAGE_COMPILE,
    STAGE_CALIBRATE,
    /* STAGE_TIME, STAGE_ALLOCS, ...: each instrument's pass (instrument_list.def) */
#define INSTRUMENT(ID, name, pass_name) STAGE_##ID,
#include "instrument_list.def"
#undef INSTRUMENT
    STAGE_TEARDOWN,
    STAGE_OBSERVATION,
} stage_pass;

/* Within a pass that runs the case's loop: the loop function runs its setup, then its
 * timed loop between the start and stop marks. */
typedef enum stage_part {
    STAGE_AROUND,  /* outside the loop function, or after its stop mark */
    STAGE_SETUP,   /* the loop function started, its start mark not reached */
    STAGE_LOOP,    /* between the start and stop marks */
} stage_part;

/* The board a child writes and its parent reads: two words, no lock. */
typedef struct stage_board {
    volatile sig_atomic_t pass;
    volatile sig_atomic_t part;
} stage_board;

/* In the parent: a board shared with every child forked after it (an anonymous shared
 * mapping), reset to STAGE_STARTING. NULL when it cannot be mapped: the run goes on and
 * its timeouts do not say where. */
stage_board *stage_board_new(void);
void stage_board_free(stage_board *board);

/* Back to STAGE_STARTING, before a child is forked to use it. */
void stage_board_reset(stage_board *board);

/* In a child just forked: from now on this process owns the unit (stage_is_owner) and
 * publishes its stage on board (NULL: nowhere). */
void stage_claim(stage_board *board);

/* Publishing: one store each, no system call, harmless where nothing was claimed.
 * stage_set_pass also sets the part back to STAGE_AROUND. */
void stage_set_pass(stage_pass pass);
void stage_set_part(stage_part part);

/* True in the process that claimed the unit, and in every process when none did (a run
 * without isolation, a unit test). False in a process that the case's code forked and
 * that came back into the harness's code. */
bool stage_is_owner(void);

/* Ends such a process at once (_exit, status 0, nothing flushed): it must not measure,
 * print or report anything. Called after each call into a case's or observation's
 * code, and before anything is sent to the parent. */
void stage_leave_if_stray(void);

/* "while running the setup (calibration)", "while compiling", ...: what the board says
 * the child was doing, for a failure's message. */
void stage_describe(const stage_board *board, char *out, size_t size);

#endif
