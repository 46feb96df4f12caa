/* test_marks.c: marks.c's start and stop callables bracket a span of time and requests. */
#include "check.h"
#include "embed.h"
#include "marks.h"

#include <time.h>

static PyObject *start, *stop;

static int call(PyObject *mark)
{
    PyObject *result = PyObject_CallObject(mark, NULL);
    int ok = result == Py_None;
    Py_XDECREF(result);
    return ok ? 0 : -1;
}

TEST(create_gives_two_callables)
{
    REQUIRE(marks_create(&start, &stop) == 0);
    CHECK(start != NULL && PyCallable_Check(start));
    CHECK(stop != NULL && PyCallable_Check(stop));
}

TEST(span_needs_both_marks_since_the_reset)
{
    REQUIRE(start != NULL && stop != NULL);
    mark_span span;
    marks_reset();
    CHECK_EQ_INT(marks_span(&span), -1);
    REQUIRE(call(start) == 0);
    CHECK_EQ_INT(marks_span(&span), -1); /* no stop yet */
    REQUIRE(call(stop) == 0);
    CHECK_EQ_INT(marks_span(&span), 0);
    marks_reset();
    CHECK_EQ_INT(marks_span(&span), -1); /* forgotten */
    REQUIRE(call(stop) == 0);
    CHECK_EQ_INT(marks_span(&span), -1); /* a stop alone is not a span */
}

TEST(span_measures_the_time_between_the_marks)
{
    REQUIRE(start != NULL && stop != NULL);
    marks_reset();
    REQUIRE(call(start) == 0);
    struct timespec pause = {0, 2000000}; /* 2 ms */
    nanosleep(&pause, NULL);
    REQUIRE(call(stop) == 0);
    mark_span span;
    REQUIRE(marks_span(&span) == 0);
    CHECK(span.elapsed_ns >= 2000000);
    CHECK(span.elapsed_ns < 2000000000); /* and not wildly more */
}

TEST(span_counts_the_requests_between_the_marks)
{
    REQUIRE(start != NULL && stop != NULL);
    REQUIRE(probe_alloc_install() == 0);
    marks_reset();
    void *outside = PyMem_Malloc(1000);
    int status = call(start);
    void *a = PyMem_Malloc(100);
    void *b = PyMem_RawMalloc(20);
    status |= call(stop);
    void *after = PyMem_Malloc(3000);
    probe_alloc_uninstall();
    PyMem_Free(outside);
    PyMem_Free(a);
    PyMem_RawFree(b);
    PyMem_Free(after);
    REQUIRE(status == 0);
    mark_span span;
    REQUIRE(marks_span(&span) == 0);
    CHECK_EQ_INT(span.allocs, 2);
    CHECK_EQ_INT(span.bytes, 120);
}

TEST(span_without_the_probe_counts_nothing)
{
    REQUIRE(start != NULL && stop != NULL);
    marks_reset();
    int status = call(start);
    void *a = PyMem_Malloc(100);
    status |= call(stop);
    PyMem_Free(a);
    REQUIRE(status == 0);
    mark_span span;
    REQUIRE(marks_span(&span) == 0);
    CHECK_EQ_INT(span.allocs, 0);
    CHECK_EQ_INT(span.bytes, 0);
}

TEST(release_the_marks)
{
    Py_CLEAR(start);
    Py_CLEAR(stop);
}

int main(void)
{
    embed_start();
    RUN(create_gives_two_callables);
    RUN(span_needs_both_marks_since_the_reset);
    RUN(span_measures_the_time_between_the_marks);
    RUN(span_counts_the_requests_between_the_marks);
    RUN(span_without_the_probe_counts_nothing);
    RUN(release_the_marks);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
