/* test_interp.c: interp.c starts Python isolated and repeatable, and switches the gc. */
#include "check.h"
#include "embed.h"
#include "interp.h"

TEST(interpreter_is_running)
{
    CHECK(Py_IsInitialized());
    CHECK_EQ_INT(embed_eval_long("6 * 7"), 42);
}

TEST(standard_library_is_found_from_the_program_path)
{
    CHECK_EQ_INT(embed_run("import json, collections, itertools, traceback"), 0);
    CHECK_EQ_INT(embed_eval_long("json.loads('[1, 2]')[1]"), 2);
}

TEST(no_site_and_no_user_site)
{
    REQUIRE(embed_run("import sys") == 0);
    CHECK_EQ_INT(embed_eval_long("'site' in sys.modules"), 0);
    CHECK_EQ_INT(embed_eval_long("sys.flags.no_site"), 1);
    CHECK_EQ_INT(embed_eval_long("sys.flags.no_user_site"), 1);
}

TEST(environment_is_ignored)
{
    /* main() set PYTHONOPTIMIZE=2 and PYTHONHASHSEED=123 before the start. */
    REQUIRE(embed_run("import sys, os") == 0);
    CHECK_EQ_INT(embed_eval_long("sys.flags.optimize"), 0);
#if PY_VERSION_HEX >= 0x03080000
    CHECK_EQ_INT(embed_eval_long("sys.flags.isolated"), 1);
    CHECK_EQ_INT(embed_eval_long("sys.flags.ignore_environment"), 1);
#else
    /* Before 3.8 the harness drops every PYTHON* variable but its own hash seed. */
    CHECK_EQ_INT(embed_eval_long("len([k for k in os.environ if k.startswith('PYTHON') "
                                 "and k != 'PYTHONHASHSEED'])"),
                 0);
    CHECK_EQ_INT(embed_eval_long("os.environ['PYTHONHASHSEED'] == '0'"), 1);
#endif
}

TEST(hash_seed_is_zero)
{
    REQUIRE(embed_run("import sys") == 0);
    CHECK_EQ_INT(embed_eval_long("sys.flags.hash_randomization"), 0);
    /* With seed 0, str hashes are fixed: the same as in a python run with seed 0. */
    REQUIRE(embed_run("import subprocess\n"
                      "_expected = int(subprocess.check_output(\n"
                      "    [sys.executable, '-c', 'print(hash(\"idiombench\"))'],\n"
                      "    env={'PYTHONHASHSEED': '0'}))\n") == 0);
    CHECK_EQ_INT(embed_eval_long("hash('idiombench') == _expected"), 1);
}

TEST(set_gc_returns_the_previous_state)
{
    REQUIRE(embed_run("import gc") == 0);
    CHECK_EQ_INT(embed_eval_long("gc.isenabled()"), 1); /* Python's default */
    CHECK_EQ_INT(interp_set_gc(0), 1);
    CHECK_EQ_INT(embed_eval_long("gc.isenabled()"), 0);
    CHECK_EQ_INT(interp_set_gc(0), 0);
    CHECK_EQ_INT(interp_set_gc(1), 0);
    CHECK_EQ_INT(embed_eval_long("gc.isenabled()"), 1);
    CHECK_EQ_INT(interp_set_gc(1), 1);
    CHECK(!PyErr_Occurred());
}

int main(void)
{
    setenv("PYTHONOPTIMIZE", "2", 1); /* both must be ignored by the interpreter */
    setenv("PYTHONHASHSEED", "123", 1);
    embed_start();
    RUN(interpreter_is_running);
    RUN(standard_library_is_found_from_the_program_path);
    RUN(no_site_and_no_user_site);
    RUN(environment_is_ignored);
    RUN(hash_seed_is_zero);
    RUN(set_gc_returns_the_previous_state);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
