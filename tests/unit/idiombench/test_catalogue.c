/* test_catalogue.c: catalogue.c reads cases from catalogue files (fixtures, and small
 * files written per test), and names the file, line and fix for each mistake. */
#include "catalogue.h"
#include "catalogue_wire.h"
#include "check.h"
#include "embed.h"
#include "instruments.h"
#include "sandbox.h"

#ifndef FIXTURES_DIR
#error "build with -DFIXTURES_DIR='\"/path/to/tests/unit/fixtures\"' (mk/unit.mk does)"
#endif

static char sandbox[SANDBOX_PATH_MAX];

/* Writes text to sandbox/name and loads it; the file's path goes to path. */
static int load_text(const char *name, const char *text, catalogue *cat, char *err,
                     size_t err_size, char path[SANDBOX_PATH_MAX])
{
    sandbox_path(path, sandbox, name);
    if (sandbox_write(path, text) != 0) {
        printf("    cannot write %s\n", path);
        return -2;
    }
    err[0] = '\0';
    return catalogue_load(path, cat, err, err_size);
}

/* Loads text that must fail; checks that err is exactly "<path>" + expected (or, with
 * expected ending in "...", that it starts so) and that the catalogue is left empty.
 * expected starts with ": " for an error of the file, ":LINE: " for one of a case. */
static void check_error(const char *text, const char *expected)
{
    char path[SANDBOX_PATH_MAX], err[2048], want[SANDBOX_PATH_MAX + 512];
    catalogue cat = {(case_def *)1, 99, NULL, 0};
    CHECK_EQ_INT(load_text("bad.py", text, &cat, err, sizeof err, path), -1);
    CHECK(cat.cases == NULL && cat.count == 0);
    snprintf(want, sizeof want, "%s%s", path, expected);
    size_t length = strlen(want);
    if (length > 3 && strcmp(want + length - 3, "...") == 0) {
        want[length - 3] = '\0';
        CHECK_STR_STARTS(err, want);
    } else {
        CHECK_STR_EQ(err, want);
    }
    CHECK(!PyErr_Occurred());
    catalogue_free(&cat);
}

TEST(fixture_file_loads_every_field)
{
    catalogue cat;
    char err[1024] = "";
    const char *path = FIXTURES_DIR "/two_cases.py";
    REQUIRE(catalogue_load(path, &cat, err, sizeof err) == 0);
    CHECK_STR_EQ(err, "");
    REQUIRE(cat.count == 2);

    const case_def *plain = &cat.cases[0];
    CHECK_STR_EQ(plain->family, "two_cases");
    CHECK_STR_EQ(plain->name, "plain");
    CHECK_STR_EQ(plain->setup, "");
    CHECK_STR_EQ(plain->stmt, "x is None");
    CHECK(plain->sizes == NULL);
    CHECK_EQ_INT(plain->size_count, 0);
    CHECK_EQ_INT(plain->instruments, INSTRUMENT_TIME | INSTRUMENT_ALLOCS);
    CHECK(plain->gc_enabled == false);
    CHECK(plain->module_scope == false);
    CHECK(plain->min_python_needs == NULL);
    CHECK_EQ_INT(plain->min_python_major, 0);
    CHECK_STR_EQ(plain->source, path);

    const case_def *every = &cat.cases[1];
    CHECK_STR_EQ(every->family, "two_cases");
    CHECK_STR_EQ(every->name, "every-key.v2");
    CHECK_STR_EQ(every->setup, "import collections\nd = collections.deque()");
    CHECK_STR_EQ(every->stmt, "d.append(n)");
    REQUIRE(every->sizes != NULL);
    CHECK_EQ_INT(every->size_count, 3);
    CHECK_EQ_INT(every->sizes[0], 1);
    CHECK_EQ_INT(every->sizes[1], 10);
    CHECK_EQ_INT(every->sizes[2], 1000);
    CHECK_EQ_INT(every->instruments, INSTRUMENT_ALLOCS);
    CHECK(every->gc_enabled == true);
    CHECK(every->module_scope == true);
    CHECK_STR_EQ(every->source, path);

    catalogue_free(&cat);
    CHECK(cat.cases == NULL && cat.count == 0);
    CHECK(!PyErr_Occurred());
}

TEST(folder_loads_py_files_in_name_order_skipping_underscore_and_dot)
{
    catalogue cat;
    char err[1024] = "";
    REQUIRE(catalogue_load(FIXTURES_DIR "/folder", &cat, err, sizeof err) == 0);
    REQUIRE(cat.count == 4);
    const char *expected[4][2] = {
        {"a_first", "alpha"}, {"a_first", "same"}, {"b_second", "same"}, {"b_second", "beta"}};
    for (size_t i = 0; i < 4; i++) {
        CHECK_STR_EQ(cat.cases[i].family, expected[i][0]);
        CHECK_STR_EQ(cat.cases[i].name, expected[i][1]);
    }
    CHECK_STR_EQ(cat.cases[0].source, FIXTURES_DIR "/folder/a_first.py");
    CHECK_STR_EQ(cat.cases[3].source, FIXTURES_DIR "/folder/b_second.py");
    CHECK_EQ_INT(cat.cases[1].instruments, INSTRUMENT_TIME);
    catalogue_free(&cat);
}

TEST(the_suites_own_catalogue_loads)
{
    catalogue cat;
    char err[1024] = "";
    REQUIRE(catalogue_load(FIXTURES_DIR "/../../../bench", &cat, err, sizeof err) == 0);
    CHECK(cat.count > 0);
    catalogue_free(&cat);
}

TEST(family_override)
{
    catalogue cat;
    char err[1024], path[SANDBOX_PATH_MAX];
    REQUIRE(load_text("file_name.py", "FAMILY = 'custom'\nCASES = [dict(name='a', stmt='1')]\n",
                      &cat, err, sizeof err, path) == 0);
    REQUIRE(cat.count == 1);
    CHECK_STR_EQ(cat.cases[0].family, "custom");
    catalogue_free(&cat);
    check_error("FAMILY = 'two words'\nCASES = [dict(name='a', stmt='1')]\n",
                ": FAMILY must be a name of letters, digits, '_', '-' and '.'");
    check_error("FAMILY = 3\nCASES = [dict(name='a', stmt='1')]\n",
                ": FAMILY must be a name of letters, digits, '_', '-' and '.'");
}

TEST(file_name_that_is_no_valid_family_is_refused)
{
    catalogue cat;
    char err[1024], path[SANDBOX_PATH_MAX];
    CHECK_EQ_INT(load_text("has space.py", "CASES = [dict(name='a', stmt='1')]\n", &cat, err,
                           sizeof err, path), -1);
    CHECK_STR_CONTAINS(err, "FAMILY must be a name");
}

TEST(syntax_error_names_the_file_and_line)
{
    char path[SANDBOX_PATH_MAX], err[2048], want[SANDBOX_PATH_MAX + 64];
    catalogue cat;
    CHECK_EQ_INT(load_text("syntax.py",
                           "CASES = [\n"
                           "    dict(name='a', stmt='pass'),\n"
                           "    dict(name='b' stmt='pass'),\n"
                           "]\n",
                           &cat, err, sizeof err, path),
                 -1);
    snprintf(want, sizeof want, "%s:3: syntax error in catalogue file: ", path);
    CHECK_STR_STARTS(err, want);
    CHECK_STR_CONTAINS(err, "(fix that line)");
    CHECK(!PyErr_Occurred());

    CHECK_EQ_INT(load_text("indent.py", "X = 1\nCASES = []\n    Y = 2\n", &cat, err, sizeof err,
                           path), -1);
    snprintf(want, sizeof want, "%s:3: syntax error in catalogue file: ", path);
    CHECK_STR_STARTS(err, want);
    CHECK_STR_CONTAINS(err, "indent");
}

TEST(exception_while_running_the_file)
{
    check_error("CASES = []\nraise ValueError('nope')\n",
                ": running it failed: ValueError: nope (fix the catalogue file)");
    check_error("import no_such_module_anywhere\n", ": running it failed: ...");
}

TEST(a_file_that_ends_the_process_at_import_is_named)
{
    check_error("import os\nos._exit(3)\n",
                ": the catalogue file exited the process (exit status 3) while being "
                "imported; ...");
    check_error("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
                ": the catalogue file crashed the process (signal 9, ...");
}

TEST(cases_as_bytes_come_back_whole_and_cut_bytes_are_refused)
{
    catalogue cat, back = {0};
    char err[1024] = "", *data = NULL;
    size_t length = 0;
    REQUIRE(catalogue_load(FIXTURES_DIR "/two_cases.py", &cat, err, sizeof err) == 0);
    REQUIRE(catalogue_wire_encode(&cat, 0, 0, &data, &length) == 0);
    CHECK_EQ_INT(catalogue_wire_decode(data, length, &back), 0);
    REQUIRE(back.count == cat.count && back.observation_count == cat.observation_count);
    for (size_t i = 0; i < cat.count; i++) {
        const case_def *a = &cat.cases[i], *b = &back.cases[i];
        CHECK_STR_EQ(b->name, a->name);
        CHECK_STR_EQ(b->setup, a->setup);
        CHECK_STR_EQ(b->stmt, a->stmt);
        CHECK_STR_EQ(b->teardown, a->teardown);
        CHECK_EQ_INT((int)b->size_count, (int)a->size_count);
        for (size_t k = 0; k < a->size_count && k < b->size_count; k++)
            CHECK(b->sizes[k] == a->sizes[k]);
        CHECK_EQ_INT((int)b->instruments, (int)a->instruments);
        CHECK(b->gc_enabled == a->gc_enabled && b->module_scope == a->module_scope);
        CHECK((a->min_python_needs == NULL) == (b->min_python_needs == NULL));
    }
    catalogue_free(&back);
    /* Cut inside the first record (each holds 10 numbers or more) and in the last. */
    size_t cuts[] = {1, 5, 9, 40, length - 1};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        CHECK_EQ_INT(catalogue_wire_decode(data, cuts[k], &back), -1);
        catalogue_free(&back);
    }
    free(data);
    catalogue_free(&cat);
}

TEST(blank_stmt_is_refused)
{
    check_error("CASES = [dict(name='a', stmt=' \\n\\t ')]\n",
                ":1: case 'a': 'stmt' is empty; give the statement to measure "
                "(stmt='pass' measures the empty loop)");
}

TEST(missing_cases)
{
    check_error("X = 1\n",
                ": defines no CASES list (declare CASES = [dict(name=..., stmt=...)])");
    check_error("CASES = (dict(name='a', stmt='1'),)\n", ": defines no CASES list...");
}

TEST(no_cases_at_all)
{
    catalogue cat;
    char err[1024], path[SANDBOX_PATH_MAX];
    CHECK_EQ_INT(load_text("empty.py", "CASES = []\n", &cat, err, sizeof err, path), -1);
    char want[SANDBOX_PATH_MAX + 128];
    snprintf(want, sizeof want, "%s: no cases found (add a <family>.py file with CASES)", path);
    CHECK_STR_EQ(err, want);
}

TEST(unknown_key_is_named)
{
    check_error("CASES = [dict(name='a', stmt='1', stepup='x = 1')]\n",
                ":1: case 'a': unknown key 'stepup' (known: name, setup, stmt, sizes, "
                "instruments, gc, scope, teardown, min_python)");
}

TEST(duplicate_case_name)
{
    char want[SANDBOX_PATH_MAX + 128];
    snprintf(want, sizeof want, ": case 'bad/a' is declared twice (also in %s/bad.py); rename one",
             sandbox);
    check_error("CASES = [dict(name='a', stmt='1'), dict(name='b', stmt='1'),\n"
                "         dict(name='a', stmt='2')]\n",
                want);
}

TEST(duplicate_across_files_of_one_family)
{
    char folder[SANDBOX_PATH_MAX], first[SANDBOX_PATH_MAX], second[SANDBOX_PATH_MAX];
    sandbox_path(folder, sandbox, "two_files");
    REQUIRE(mkdir(folder, 0755) == 0);
    REQUIRE(sandbox_write(sandbox_path(first, folder, "one.py"),
                          "FAMILY = 'shared'\nCASES = [dict(name='a', stmt='1')]\n") == 0);
    REQUIRE(sandbox_write(sandbox_path(second, folder, "two.py"),
                          "FAMILY = 'shared'\nCASES = [dict(name='a', stmt='2')]\n") == 0);
    catalogue cat;
    char err[2048] = "", want[3 * SANDBOX_PATH_MAX];
    CHECK_EQ_INT(catalogue_load(folder, &cat, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s: case 'shared/a' is declared twice (also in %s); rename one",
             second, first);
    CHECK_STR_EQ(err, want);
    CHECK(cat.cases == NULL && cat.count == 0);
}

TEST(bad_sizes)
{
    const char *message = ":1: case 'a': 'sizes' must be a list of positive integers";
    check_error("CASES = [dict(name='a', stmt='1', sizes=[0])]\n", message);
    check_error("CASES = [dict(name='a', stmt='1', sizes=[1, -2])]\n", message);
    check_error("CASES = [dict(name='a', stmt='1', sizes=5)]\n", message);
    check_error("CASES = [dict(name='a', stmt='1', sizes=['1'])]\n", message);
    check_error("CASES = [dict(name='a', stmt='1', sizes=[1.5])]\n", message);
    check_error("CASES = [dict(name='a', stmt='1', sizes=[10**30])]\n", message);
    check_error("CASES = [dict(name='a', stmt='1', sizes=[])]\n",
                ":1: case 'a': 'sizes' is empty (leave it out or give sizes)");
}

TEST(sizes_none_and_tuples_are_accepted)
{
    catalogue cat;
    char err[1024], path[SANDBOX_PATH_MAX];
    REQUIRE(load_text("sizes.py",
                      "CASES = [dict(name='a', stmt='1', sizes=None),\n"
                      "         dict(name='b', stmt='1', sizes=(3, 2))]\n",
                      &cat, err, sizeof err, path) == 0);
    REQUIRE(cat.count == 2);
    CHECK(cat.cases[0].sizes == NULL);
    REQUIRE(cat.cases[1].sizes != NULL);
    CHECK_EQ_INT(cat.cases[1].size_count, 2);
    CHECK_EQ_INT(cat.cases[1].sizes[0], 3);
    CHECK_EQ_INT(cat.cases[1].sizes[1], 2);
    catalogue_free(&cat);
}

TEST(bad_scope)
{
    check_error("CASES = [dict(name='a', stmt='1', scope='global')]\n",
                ":1: case 'a': 'scope' must be 'function' or 'module', not 'global'");
    check_error("CASES = [dict(name='a', stmt='1', scope=1)]\n",
                ":1: case 'a': 'scope' must be a string");
}

TEST(bad_instruments)
{
    check_error("CASES = [dict(name='a', stmt='1', instruments=['time', 'heap'])]\n",
                ":1: case 'a': unknown instrument 'heap' "
                "(known: time, allocs, memory, resources)");
    check_error("CASES = [dict(name='a', stmt='1', instruments=[])]\n",
                ":1: case 'a': 'instruments' is empty (leave it out for all)");
    check_error("CASES = [dict(name='a', stmt='1', instruments=3)]\n",
                ":1: case 'a': 'instruments' must be a list such as ['time', 'allocs']");
}

TEST(every_instrument_of_the_table_but_run_level_ones_is_declared_by_its_name)
{
    for (size_t i = 0; i < instrument_table_size; i++) {
        const instrument *inst = instrument_table[i];
        char text[256], path[SANDBOX_PATH_MAX], err[1024] = "";
        snprintf(text, sizeof text, "CASES = [dict(name='a', stmt='1', instruments=['%s'])]\n",
                 inst->name);
        catalogue cat = {NULL, 0, NULL, 0};
        int status = load_text("declares.py", text, &cat, err, sizeof err, path);
        if (inst->run_level) {
            CHECK_EQ_INT(status, -1);
            CHECK_STR_CONTAINS(err, "unknown instrument");
        } else if (CHECK_EQ_INT(status, 0) && CHECK(cat.count == 1)) {
            CHECK_EQ_INT((int)cat.cases[0].instruments, (int)inst->bit);
        }
        catalogue_free(&cat);
    }
}

TEST(bad_gc)
{
    check_error("CASES = [dict(name='a', stmt='1', gc=1)]\n",
                ":1: case 'a': 'gc' must be True or False");
}

TEST(missing_or_bad_name_and_stmt)
{
    check_error("CASES = [dict(name='a', stmt='1'), dict(stmt='1')]\n",
                ": case 'CASES[1]' has no 'name' (add it)");
    check_error("CASES = [dict(name='a')]\n", ":1: case 'a' has no 'stmt' (add it)");
    check_error("CASES = [dict(name='a', stmt=None)]\n", ":1: case 'a': 'stmt' must be a string");
    check_error("CASES = [dict(name='a', stmt='1', setup=1)]\n",
                ":1: case 'a': 'setup' must be a string");
    check_error("CASES = [dict(name='a b', stmt='1')]\n",
                ":1: case name 'a b' may only hold letters, digits, '_', '-' and '.'");
    check_error("CASES = [dict(name='', stmt='1')]\n",
                ":1: case name '' may only hold letters, digits, '_', '-' and '.'");
    check_error("CASES = [dict(name='a', stmt='1'), 'b']\n",
                ": CASES[1] is not a dict (each case is a dict such as dict(name='x', "
                "stmt='...'))");
}

TEST(min_python_is_read_as_version_and_need)
{
    catalogue cat;
    char err[1024], path[SANDBOX_PATH_MAX];
    REQUIRE(load_text("min_python.py",
                      "CASES = [dict(name='a', stmt='1', min_python=('3.6', 'f-strings')),\n"
                      "         dict(name='b', stmt='1', min_python=['2.7', u'nothing new']),\n"
                      "         dict(name='c', stmt='1', min_python=('3.12', 'PEP 709')),\n"
                      "         dict(name='d', stmt='1')]\n",
                      &cat, err, sizeof err, path) == 0);
    REQUIRE(cat.count == 4);
    CHECK_EQ_INT(cat.cases[0].min_python_major, 3);
    CHECK_EQ_INT(cat.cases[0].min_python_minor, 6);
    CHECK_STR_EQ(cat.cases[0].min_python_needs, "f-strings");
    CHECK_EQ_INT(cat.cases[1].min_python_major, 2);
    CHECK_EQ_INT(cat.cases[1].min_python_minor, 7);
    CHECK_STR_EQ(cat.cases[1].min_python_needs, "nothing new");
    CHECK_EQ_INT(cat.cases[2].min_python_minor, 12);
    CHECK(cat.cases[3].min_python_needs == NULL);
    CHECK_EQ_INT(cat.cases[3].min_python_major, 0);
    catalogue_free(&cat);
}

TEST(bad_min_python_names_the_file_line_and_form)
{
    static const char *const bad[] = {
        "'3.6'",          "('3.6',)",        "('3.6', '')",       "('3', 'x')",
        "('3.6.1', 'x')", "('three', 'x')",  "(3.6, 'x')",        "('3.6', 1)",
        "('1.5', 'x')",   "('3.6', 'x', 'y')", "('+3.6', 'x')",   "('3.1234', 'x')",
        "(' 3.6', 'x')",  "('3.', 'x')",     "('.6', 'x')",       "None",
        "{'3.6': 'x'}",   "('3,6', 'x')",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[256];
        snprintf(text, sizeof text,
                 "CASES = [\n    dict(name='ok', stmt='1'),\n    dict(name='a', stmt='1',\n"
                 "         min_python=%s),\n]\n", bad[i]);
        check_error(text, ":3: case 'a': 'min_python' must be a pair such as ('3.6', "
                          "'f-strings'): the oldest Python that runs the case, as "
                          "major.minor, and what needs it");
    }
}

TEST(case_errors_name_the_line_where_the_case_is_named)
{
    /* Its name given as name="..." (spaces allowed) or "name": "...", not elsewhere. */
    check_error("CASES = [\n"
                "    dict(name='b2', stmt='b'),\n"
                "    dict(stmt='1',\n"
                "         name = \"b\", gc=1),\n"
                "]\n",
                ":4: case 'b': 'gc' must be True or False");
    check_error("CASES = [{'name': 'x', 'stmt': '1'},\n"
                "         {\"name\" : 'y', 'stmt': '1', 'gc': 'no'}]\n",
                ":2: case 'y': 'gc' must be True or False");
    check_error("# filename='q'\nCASES = [dict(name='q', stmt='1', gc=2)]\n",
                ":2: case 'q': 'gc' must be True or False");
    /* A name the file builds: no line to point at. */
    check_error("CASES = [dict(name='%s_%d' % ('z', 1), stmt='1', gc=0)]\n",
                ": case 'z_1': 'gc' must be True or False");
    check_error("CASES = [dict(name=str(), stmt='1')]\n",
                ": case name '' may only hold letters, digits, '_', '-' and '.'");
}

TEST(missing_path)
{
    catalogue cat;
    char err[1024];
    CHECK_EQ_INT(catalogue_load(FIXTURES_DIR "/no_such_file.py", &cat, err, sizeof err), -1);
    CHECK_STR_EQ(err, FIXTURES_DIR "/no_such_file.py: no such catalogue file or folder "
                                   "(check --catalogue)");
}

TEST(empty_folder_has_no_cases)
{
    char folder[SANDBOX_PATH_MAX];
    sandbox_path(folder, sandbox, "empty_folder");
    REQUIRE(mkdir(folder, 0755) == 0);
    catalogue cat;
    char err[2048], want[SANDBOX_PATH_MAX + 128];
    CHECK_EQ_INT(catalogue_load(folder, &cat, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s: no cases found (add a <family>.py file with CASES)",
             folder);
    CHECK_STR_EQ(err, want);
}

TEST(error_in_a_later_file_of_a_folder_names_that_file)
{
    char folder[SANDBOX_PATH_MAX], good[SANDBOX_PATH_MAX], bad[SANDBOX_PATH_MAX];
    sandbox_path(folder, sandbox, "mixed");
    REQUIRE(mkdir(folder, 0755) == 0);
    REQUIRE(sandbox_write(sandbox_path(good, folder, "a.py"),
                          "CASES = [dict(name='x', stmt='1')]\n") == 0);
    REQUIRE(sandbox_write(sandbox_path(bad, folder, "b.py"), "CASES = [dict(name='y')]\n") ==
            0);
    catalogue cat;
    char err[2048], want[SANDBOX_PATH_MAX + 128];
    CHECK_EQ_INT(catalogue_load(folder, &cat, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s:1: case 'y' has no 'stmt' (add it)", bad);
    CHECK_STR_EQ(err, want);
    CHECK(cat.cases == NULL && cat.count == 0);
}

TEST(long_file_is_read_whole)
{
    /* Longer than the reader's first 4096-byte buffer: the last case must still load. */
    size_t size = 20000;
    char *text = malloc(size);
    REQUIRE(text != NULL);
    size_t used = (size_t)snprintf(text, size, "CASES = [\n");
    int count = 0;
    while (used < 9000) {
        used += (size_t)snprintf(text + used, size - used,
                                 "    dict(name='case_%03d', stmt='pass'),\n", count);
        count++;
    }
    snprintf(text + used, size - used, "]\n");
    catalogue cat;
    char err[1024], path[SANDBOX_PATH_MAX];
    int status = load_text("long.py", text, &cat, err, sizeof err, path);
    free(text);
    REQUIRE(status == 0);
    CHECK_EQ_INT(cat.count, count);
    char last[32];
    snprintf(last, sizeof last, "case_%03d", count - 1);
    CHECK_STR_EQ(cat.cases[cat.count - 1].name, last);
    catalogue_free(&cat);
}

TEST(instrument_names)
{
    CHECK_STR_EQ(catalogue_instrument_name(INSTRUMENT_TIME), "time");
    CHECK_STR_EQ(catalogue_instrument_name(INSTRUMENT_ALLOCS), "allocs");
    CHECK_STR_EQ(catalogue_instrument_name(0), "?");
}

TEST(instrument_lists_parse_to_bits_and_unknown_names_are_named)
{
    unsigned bits = 99;
    char err[256] = "";
    CHECK_EQ_INT(catalogue_parse_instruments("time", &bits, err, sizeof err), 0);
    CHECK_EQ_INT((int)bits, INSTRUMENT_TIME);
    CHECK_EQ_INT(catalogue_parse_instruments("resources,time,memory", &bits, err, sizeof err),
                 0);
    CHECK_EQ_INT((int)bits, INSTRUMENT_TIME | INSTRUMENT_MEMORY | INSTRUMENT_RESOURCES);
    CHECK_EQ_INT(catalogue_parse_instruments("time,alloc", &bits, err, sizeof err), -1);
    CHECK_STR_CONTAINS(err, "'alloc' is not an instrument");
    CHECK_EQ_INT(catalogue_parse_instruments("", &bits, err, sizeof err), -1);
    CHECK_EQ_INT(catalogue_parse_instruments("time,", &bits, err, sizeof err), -1);
}

int main(void)
{
    if (sandbox_create(sandbox) != 0) {
        printf("FAIL cannot make a temporary folder\n0 passed, 1 failed\n");
        return 1;
    }
    embed_start();
    RUN(fixture_file_loads_every_field);
    RUN(folder_loads_py_files_in_name_order_skipping_underscore_and_dot);
    RUN(the_suites_own_catalogue_loads);
    RUN(family_override);
    RUN(file_name_that_is_no_valid_family_is_refused);
    RUN(syntax_error_names_the_file_and_line);
    RUN(exception_while_running_the_file);
    RUN(a_file_that_ends_the_process_at_import_is_named);
    RUN(blank_stmt_is_refused);
    RUN(cases_as_bytes_come_back_whole_and_cut_bytes_are_refused);
    RUN(missing_cases);
    RUN(no_cases_at_all);
    RUN(unknown_key_is_named);
    RUN(duplicate_case_name);
    RUN(duplicate_across_files_of_one_family);
    RUN(bad_sizes);
    RUN(sizes_none_and_tuples_are_accepted);
    RUN(bad_scope);
    RUN(bad_instruments);
    RUN(every_instrument_of_the_table_but_run_level_ones_is_declared_by_its_name);
    RUN(bad_gc);
    RUN(missing_or_bad_name_and_stmt);
    RUN(min_python_is_read_as_version_and_need);
    RUN(bad_min_python_names_the_file_line_and_form);
    RUN(case_errors_name_the_line_where_the_case_is_named);
    RUN(missing_path);
    RUN(empty_folder_has_no_cases);
    RUN(error_in_a_later_file_of_a_folder_names_that_file);
    RUN(long_file_is_read_whole);
    RUN(instrument_names);
    RUN(instrument_lists_parse_to_bits_and_unknown_names_are_named);
    RUN(embed_interpreter_stops_cleanly);
    sandbox_remove(sandbox);
    return check_summary();
}
