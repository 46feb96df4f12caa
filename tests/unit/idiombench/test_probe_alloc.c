/* test_probe_alloc.c: probe_alloc.c counts each allocation request once, in every domain.
 *
 * The requests are made from C, so that the expected counts do not depend on what a
 * Python version allocates behind the scenes. Between two probe_alloc_read calls the
 * test runs no Python code, so nothing else allocates through CPython's allocators. */
#include "check.h"
#include "embed.h"
#include "probe_alloc.h"

#include <pthread.h>

/* The change in the counts since before. */
static alloc_counts since(const alloc_counts *before)
{
    alloc_counts now, delta;
    probe_alloc_read(&now);
    delta.allocs = now.allocs - before->allocs;
    delta.bytes = now.bytes - before->bytes;
    delta.frees = now.frees - before->frees;
    return delta;
}

TEST(probe_is_available_on_python_3)
{
    CHECK(probe_alloc_available());
}

TEST(mem_malloc_is_one_request)
{
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before, d;
    probe_alloc_read(&before);
    void *block = PyMem_Malloc(100);
    d = since(&before);
    CHECK(block != NULL);
    CHECK_EQ_INT(d.allocs, 1);
    CHECK_EQ_INT(d.bytes, 100);
    CHECK_EQ_INT(d.frees, 0);
    PyMem_Free(block);
    d = since(&before);
    CHECK_EQ_INT(d.allocs, 1);
    CHECK_EQ_INT(d.frees, 1);
    probe_alloc_uninstall();
}

TEST(large_object_malloc_passed_on_to_raw_is_counted_once)
{
    /* pymalloc hands requests above 512 bytes to the RAW domain: one request still. */
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before, d;
    probe_alloc_read(&before);
    void *block = PyObject_Malloc(1000);
    d = since(&before);
    CHECK(block != NULL);
    CHECK_EQ_INT(d.allocs, 1);
    CHECK_EQ_INT(d.bytes, 1000);
    PyObject_Free(block);
    d = since(&before);
    CHECK_EQ_INT(d.frees, 1);
    CHECK_EQ_INT(d.allocs, 1);
    probe_alloc_uninstall();
}

TEST(small_object_malloc_is_one_request)
{
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before, d;
    probe_alloc_read(&before);
    void *block = PyObject_Malloc(24);
    d = since(&before);
    CHECK_EQ_INT(d.allocs, 1);
    CHECK_EQ_INT(d.bytes, 24);
    PyObject_Free(block);
    CHECK_EQ_INT(since(&before).frees, 1);
    probe_alloc_uninstall();
}

TEST(raw_malloc_is_one_request)
{
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before, d;
    probe_alloc_read(&before);
    void *block = PyMem_RawMalloc(10);
    d = since(&before);
    CHECK(block != NULL);
    CHECK_EQ_INT(d.allocs, 1);
    CHECK_EQ_INT(d.bytes, 10);
    PyMem_RawFree(block);
    CHECK_EQ_INT(since(&before).frees, 1);
    probe_alloc_uninstall();
}

TEST(calloc_counts_the_product)
{
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before, d;
    probe_alloc_read(&before);
    void *a = PyMem_Calloc(10, 20);
    void *b = PyObject_Calloc(3, 400); /* 1200 bytes: pymalloc passes it on to RAW */
    void *c = PyMem_RawCalloc(4, 4);
    d = since(&before);
    CHECK(a != NULL && b != NULL && c != NULL);
    CHECK_EQ_INT(d.allocs, 3);
    CHECK_EQ_INT(d.bytes, 200 + 1200 + 16);
    PyMem_Free(a);
    PyObject_Free(b);
    PyMem_RawFree(c);
    CHECK_EQ_INT(since(&before).frees, 3);
    probe_alloc_uninstall();
}

TEST(realloc_is_one_request_of_its_new_size)
{
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before, d;
    void *block = PyObject_Malloc(16);
    REQUIRE(block != NULL);
    probe_alloc_read(&before);
    block = PyObject_Realloc(block, 2000); /* from a pymalloc pool to RAW: still one */
    d = since(&before);
    CHECK(block != NULL);
    CHECK_EQ_INT(d.allocs, 1);
    CHECK_EQ_INT(d.bytes, 2000);
    CHECK_EQ_INT(d.frees, 0); /* the old block's release is part of the realloc */
    probe_alloc_read(&before);
    block = PyObject_Realloc(block, 40);
    d = since(&before);
    CHECK_EQ_INT(d.allocs, 1);
    CHECK_EQ_INT(d.bytes, 40);
    probe_alloc_read(&before);
    void *raw = PyMem_RawRealloc(NULL, 50); /* realloc of NULL: a malloc */
    raw = PyMem_RawRealloc(raw, 60);
    d = since(&before);
    CHECK_EQ_INT(d.allocs, 2);
    CHECK_EQ_INT(d.bytes, 110);
    PyMem_RawFree(raw);
    PyObject_Free(block);
    CHECK_EQ_INT(since(&before).frees, 2);
    probe_alloc_uninstall();
}

TEST(free_of_null_is_not_counted)
{
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before;
    probe_alloc_read(&before);
    PyMem_Free(NULL);
    PyObject_Free(NULL);
    PyMem_RawFree(NULL);
    alloc_counts d = since(&before);
    CHECK_EQ_INT(d.frees, 0);
    CHECK_EQ_INT(d.allocs, 0);
    probe_alloc_uninstall();
}

TEST(blocks_from_before_install_are_freed_through_the_hooks)
{
    void *old = PyMem_Malloc(64);
    REQUIRE(old != NULL);
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before;
    probe_alloc_read(&before);
    PyMem_Free(old);
    CHECK_EQ_INT(since(&before).frees, 1);
    probe_alloc_uninstall();
}

TEST(counts_stop_after_uninstall)
{
    REQUIRE(probe_alloc_install() == 0);
    void *kept = PyMem_Malloc(32); /* allocated while installed, freed after */
    probe_alloc_uninstall();
    alloc_counts before;
    probe_alloc_read(&before);
    void *a = PyMem_Malloc(100);
    void *b = PyObject_Malloc(5000);
    void *c = PyMem_RawMalloc(7);
    PyMem_Free(a);
    PyObject_Free(b);
    PyMem_RawFree(c);
    PyMem_Free(kept);
    REQUIRE(embed_run("_garbage = [str(i) for i in range(1000)]\ndel _garbage\n") == 0);
    alloc_counts d = since(&before);
    CHECK_EQ_INT(d.allocs, 0);
    CHECK_EQ_INT(d.bytes, 0);
    CHECK_EQ_INT(d.frees, 0);
}

TEST(install_twice_fails_and_reinstall_works)
{
    REQUIRE(probe_alloc_install() == 0);
    CHECK_EQ_INT(probe_alloc_install(), -1);
    probe_alloc_uninstall();
    probe_alloc_uninstall(); /* twice is harmless */
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before;
    probe_alloc_read(&before);
    PyMem_Free(PyMem_Malloc(8));
    alloc_counts d = since(&before);
    CHECK_EQ_INT(d.allocs, 1);
    CHECK_EQ_INT(d.frees, 1);
    probe_alloc_uninstall();
}

TEST(python_code_is_counted)
{
    /* A loop that allocates: the counts grow, and every block it keeps is a request. */
    REQUIRE(embed_run("_kept = []\n") == 0);
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before;
    probe_alloc_read(&before);
    int status = embed_run("for _i in range(1000):\n    _kept.append(object())\n");
    alloc_counts d = since(&before);
    probe_alloc_uninstall();
    CHECK_EQ_INT(status, 0);
    CHECK(d.allocs >= 1000); /* 1000 objects at least, plus the list's growth */
    CHECK(d.bytes >= 1000 * sizeof(PyObject));
    REQUIRE(embed_run("del _kept, _i\n") == 0);
}

enum { THREAD_REQUESTS = 1000 };

static void *allocate_raw(void *unused)
{
    (void)unused;
    for (int i = 0; i < THREAD_REQUESTS; i++)
        PyMem_RawFree(PyMem_RawMalloc(8)); /* RAW needs no GIL */
    return NULL;
}

TEST(raw_requests_from_another_thread_are_counted)
{
    REQUIRE(probe_alloc_install() == 0);
    alloc_counts before;
    probe_alloc_read(&before);
    pthread_t thread;
    int started = pthread_create(&thread, NULL, allocate_raw, NULL) == 0;
    if (started)
        pthread_join(thread, NULL);
    alloc_counts d = since(&before);
    probe_alloc_uninstall();
    REQUIRE(started);
    CHECK_EQ_INT(d.allocs, THREAD_REQUESTS);
    CHECK_EQ_INT(d.bytes, 8 * THREAD_REQUESTS);
    CHECK_EQ_INT(d.frees, THREAD_REQUESTS);
}

int main(void)
{
    embed_start();
    RUN(probe_is_available_on_python_3);
    RUN(mem_malloc_is_one_request);
    RUN(large_object_malloc_passed_on_to_raw_is_counted_once);
    RUN(small_object_malloc_is_one_request);
    RUN(raw_malloc_is_one_request);
    RUN(calloc_counts_the_product);
    RUN(realloc_is_one_request_of_its_new_size);
    RUN(free_of_null_is_not_counted);
    RUN(blocks_from_before_install_are_freed_through_the_hooks);
    RUN(counts_stop_after_uninstall);
    RUN(install_twice_fails_and_reinstall_works);
    RUN(python_code_is_counted);
    RUN(raw_requests_from_another_thread_are_counted);
    RUN(embed_interpreter_stops_cleanly);
    return check_summary();
}
