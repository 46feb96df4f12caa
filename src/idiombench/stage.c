/* stage.c: the stage board a child writes and its parent reads, and the unit's owner. */
#include "stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static stage_board *published; /* this process's board, once claimed */
static pid_t owner;            /* 0: no process claimed a unit here */

stage_board *stage_board_new(void)
{
    void *shared = mmap(NULL, sizeof(stage_board), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED)
        return NULL;
    stage_board_reset(shared);
    return shared;
}

void stage_board_free(stage_board *board)
{
    if (board != NULL)
        munmap(board, sizeof *board);
}

void stage_board_reset(stage_board *board)
{
    if (board == NULL)
        return;
    board->pass = STAGE_STARTING;
    board->part = STAGE_AROUND;
}

void stage_claim(stage_board *board)
{
    published = board;
    owner = getpid();
}

void stage_set_pass(stage_pass pass)
{
    if (published == NULL)
        return;
    published->pass = pass;
    published->part = STAGE_AROUND;
}

void stage_set_part(stage_part part)
{
    if (published != NULL)
        published->part = part;
}

bool stage_is_owner(void)
{
    return owner == 0 || getpid() == owner;
}

void stage_leave_if_stray(void)
{
    if (!stage_is_owner())
        _exit(EXIT_SUCCESS);
}

/* The pass's name where a loop can run in it; NULL for the others. */
static const char *loop_pass_name(stage_pass pass)
{
    switch (pass) {
    case STAGE_CALIBRATE: return "calibration";
#define INSTRUMENT(ID, name, pass_name) case STAGE_##ID: return pass_name;
#include "instrument_list.def"
#undef INSTRUMENT
    default: return NULL;
    }
}

void stage_describe(const stage_board *board, char *out, size_t size)
{
    stage_pass pass = board ? (stage_pass)board->pass : STAGE_STARTING;
    stage_part part = board ? (stage_part)board->part : STAGE_AROUND;
    const char *loop_pass = loop_pass_name(pass);
    if (board == NULL)
        snprintf(out, size, "at an unknown stage");
    else if (loop_pass != NULL && part == STAGE_SETUP)
        snprintf(out, size, "while running the setup (%s)", loop_pass);
    else if (loop_pass != NULL && part == STAGE_LOOP)
        snprintf(out, size, "while running the statement's loop (%s)", loop_pass);
    else if (loop_pass != NULL)
        snprintf(out, size, "in the %s, outside the case's code", loop_pass);
    else if (pass == STAGE_COMPILE)
        snprintf(out, size, "while compiling the case");
    else if (pass == STAGE_TEARDOWN)
        snprintf(out, size, "while running the teardown");
    else if (pass == STAGE_OBSERVATION)
        snprintf(out, size, "while running the observation's code");
    else
        snprintf(out, size, "before the unit's code started");
}
