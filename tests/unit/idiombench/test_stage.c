/* test_stage.c: a child's stage reaches its parent through the shared board, the
 * description names the setup or the loop, and only the process that claimed the unit
 * owns it: a process it forks is stray and leaves. */
#include "check.h"
#include "stage.h"

#include <sys/wait.h>
#include <unistd.h>

TEST(descriptions_name_the_setup_the_loop_and_the_pass)
{
    static const struct {
        stage_pass pass;
        stage_part part;
        const char *expected;
    } cases[] = {
        {STAGE_CALIBRATE, STAGE_SETUP, "while running the setup (calibration)"},
        {STAGE_TIME, STAGE_LOOP, "while running the statement's loop (time pass)"},
        {STAGE_ALLOCS, STAGE_AROUND, "in the allocation pass, outside the case's code"},
        {STAGE_COMPILE, STAGE_AROUND, "while compiling the case"},
        {STAGE_TEARDOWN, STAGE_AROUND, "while running the teardown"},
        {STAGE_OBSERVATION, STAGE_AROUND, "while running the observation's code"},
        {STAGE_STARTING, STAGE_AROUND, "before the unit's code started"},
    };
    char text[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stage_board board = {cases[i].pass, cases[i].part};
        stage_describe(&board, text, sizeof text);
        CHECK_STR_EQ(text, cases[i].expected);
    }
    stage_describe(NULL, text, sizeof text);
    CHECK_STR_EQ(text, "at an unknown stage");
}

TEST(a_child_publishes_its_stage_to_the_parent)
{
    stage_board *board = stage_board_new();
    REQUIRE(board != NULL);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        stage_claim(board);
        stage_set_pass(STAGE_MEMORY);
        stage_set_part(STAGE_SETUP);
        _exit(0);
    }
    int status;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK_EQ_INT(board->pass, STAGE_MEMORY);
    CHECK_EQ_INT(board->part, STAGE_SETUP);
    stage_set_pass(STAGE_TIME); /* nothing claimed here: the board is the child's */
    CHECK_EQ_INT(board->pass, STAGE_MEMORY);
    stage_board_reset(board);
    CHECK_EQ_INT(board->pass, STAGE_STARTING);
    CHECK_EQ_INT(board->part, STAGE_AROUND);
    stage_board_free(board);
}

/* In a child that claims the unit: its own process owns it, a process it forks does not
 * and leaves at stage_leave_if_stray with status 0; the claimer exits 7 after it. */
static void claim_then_fork(void)
{
    stage_claim(NULL);
    if (!stage_is_owner())
        _exit(1);
    pid_t stray = fork();
    if (stray == 0) {
        if (stage_is_owner())
            _exit(2);
        stage_leave_if_stray();
        _exit(3); /* not reached */
    }
    int status;
    if (stray < 0 || waitpid(stray, &status, 0) != stray || !WIFEXITED(status))
        _exit(4);
    stage_leave_if_stray(); /* the owner stays */
    _exit(WEXITSTATUS(status) == 0 ? 7 : 10 + WEXITSTATUS(status));
}

TEST(a_process_forked_by_the_owner_is_stray_and_leaves)
{
    CHECK(stage_is_owner()); /* nothing claimed in this process: every process owns */
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0)
        claim_then_fork();
    int status;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK_EQ_INT(WEXITSTATUS(status), 7);
}

int main(void)
{
    RUN(descriptions_name_the_setup_the_loop_and_the_pass);
    RUN(a_child_publishes_its_stage_to_the_parent);
    RUN(a_process_forked_by_the_owner_is_stray_and_leaves);
    return check_summary();
}
