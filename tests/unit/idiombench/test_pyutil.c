/* test_pyutil.c: pyutil.c's strings, tracebacks, evaluation and version. */
#include "check.h"
#include "embed.h"
#include "pyutil.h"

TEST(strdup_copies_a_str_as_utf8)
{
    PyObject *text = PyUnicode_FromString("h\xc3\xa9llo, w\xc3\xb6rld");
    REQUIRE(text != NULL);
    char *copy = pyutil_strdup(text);
    CHECK_STR_EQ(copy, "h\xc3\xa9llo, w\xc3\xb6rld");
    CHECK(!PyErr_Occurred());
    free(copy);
    Py_DECREF(text);
}

TEST(strdup_of_a_non_string_is_a_type_error)
{
    PyObject *number = PyLong_FromLong(5);
    REQUIRE(number != NULL);
    CHECK(pyutil_strdup(number) == NULL);
    CHECK_STR_EQ(embed_pending_exception(), "TypeError");
    PyErr_Clear();
    Py_DECREF(number);
}

TEST(string_builds_a_str)
{
    PyObject *text = pyutil_string("caf\xc3\xa9");
    REQUIRE(text != NULL);
    CHECK(PyUnicode_Check(text));
    CHECK_EQ_INT(PyUnicode_GetLength(text), 4);
    Py_DECREF(text);
}

TEST(eval_code_runs_in_the_given_globals)
{
    PyObject *code = Py_CompileString("x = 6 * 7\n", "<test>", Py_file_input);
    PyObject *globals = PyDict_New();
    REQUIRE(code != NULL && globals != NULL);
    REQUIRE(PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins()) == 0);
    PyObject *result = pyutil_eval_code(code, globals);
    CHECK(result == Py_None);
    Py_XDECREF(result);
    PyObject *x = PyDict_GetItemString(globals, "x");
    CHECK(x != NULL && PyLong_AsLong(x) == 42);
    Py_DECREF(globals);
    Py_DECREF(code);
}

TEST(take_traceback_formats_and_clears_the_exception)
{
    REQUIRE(embed_run("def _raise_it():\n    raise ValueError('bad, \"thing\"')\n") == 0);
    PyObject *result = embed_globals() ? PyRun_String("_raise_it()", Py_eval_input,
                                                      embed_globals(), embed_globals())
                                       : NULL;
    CHECK(result == NULL);
    Py_XDECREF(result);
    REQUIRE(PyErr_Occurred());
    char *summary = NULL;
    char *traceback = pyutil_take_traceback(&summary);
    CHECK(!PyErr_Occurred());
    REQUIRE(traceback != NULL);
    CHECK(strncmp(traceback, "Traceback (most recent call last):\n", 35) == 0);
    CHECK_STR_CONTAINS(traceback, "in _raise_it\n");
    size_t length = strlen(traceback);
    const char *tail = "ValueError: bad, \"thing\"\n";
    CHECK(length >= strlen(tail) && strcmp(traceback + length - strlen(tail), tail) == 0);
    CHECK_STR_EQ(summary, "ValueError: bad, \"thing\"");
    free(summary);
    free(traceback);
}

TEST(take_traceback_without_a_traceback_object)
{
    PyErr_SetString(PyExc_KeyError, "missing");
    char *summary = NULL;
    char *traceback = pyutil_take_traceback(&summary);
    CHECK(!PyErr_Occurred());
    CHECK_STR_EQ(traceback, "KeyError: 'missing'\n");
    CHECK_STR_EQ(summary, "KeyError: 'missing'");
    free(summary);
    free(traceback);
}

TEST(take_traceback_summary_is_one_line_with_the_type)
{
    PyErr_SetString(PyExc_ValueError, "first\nsecond");
    char *summary = NULL;
    char *traceback = pyutil_take_traceback(&summary);
    CHECK_STR_EQ(summary, "ValueError: first second");
    free(summary);
    free(traceback);
}

TEST(pending_exception_survives_cleanup_that_raises)
{
    PyErr_SetString(PyExc_ValueError, "kept");
    pyutil_pending pending;
    pyutil_pending_save(&pending);
    CHECK(!PyErr_Occurred());
    PyErr_SetString(PyExc_KeyError, "cleanup"); /* dropped by restore */
    pyutil_pending_restore(&pending);
    char *summary = NULL;
    free(pyutil_take_traceback(&summary));
    CHECK_STR_EQ(summary, "ValueError: kept");
    free(summary);
    pyutil_pending_save(&pending); /* nothing pending: nothing comes back */
    pyutil_pending_restore(&pending);
    CHECK(!PyErr_Occurred());
}

TEST(take_traceback_without_an_exception_says_unknown)
{
    char *summary = NULL;
    char *traceback = pyutil_take_traceback(&summary);
    CHECK_STR_EQ(traceback, "unknown error (the exception could not be formatted)\n");
    CHECK_STR_EQ(summary, "unknown error (the exception could not be formatted)");
    free(summary);
    free(traceback);
    PyErr_SetString(PyExc_ValueError, "x");
    traceback = pyutil_take_traceback(NULL); /* no summary wanted */
    CHECK_STR_EQ(traceback, "ValueError: x\n");
    free(traceback);
}

TEST(version_is_the_running_interpreters)
{
    CHECK_STR_EQ(pyutil_version(), PY_VERSION);
    REQUIRE(embed_run("import sys") == 0);
    PyObject *version = embed_eval("'%d.%d.%d' % sys.version_info[:3]");
    REQUIRE(version != NULL);
    CHECK_STR_EQ(pyutil_version(), PyUnicode_AsUTF8(version));
    Py_DECREF(version);
    CHECK(pyutil_version() == pyutil_version()); /* one static buffer */
}

int main(void)
{
    embed_start();
    RUN(strdup_copies_a_str_as_utf8);
    RUN(strdup_of_a_non_string_is_a_type_error);
    RUN(string_builds_a_str);
    RUN(eval_code_runs_in_the_given_globals);
    RUN(take_traceback_formats_and_clears_the_exception);
    RUN(take_traceback_without_a_traceback_object);
    RUN(take_traceback_summary_is_one_line_with_the_type);
    RUN(pending_exception_survives_cleanup_that_raises);
    RUN(take_traceback_without_an_exception_says_unknown);
    RUN(version_is_the_running_interpreters);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
