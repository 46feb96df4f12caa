/* probe_alloc.c: allocator hooks that wrap CPython's allocators and count requests.
 *
 * Wrapping (not replacing) keeps pymalloc in charge: the hooks only count, then call
 * the allocator they replaced. RAW may run without the GIL, so the counters are atomic.
 * A per-thread depth marks a request already counted by an outer domain. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "probe_alloc.h"

#include <stdatomic.h>

#if PY_VERSION_HEX >= 0x03050000
#define HAVE_ALLOCATOR_API 1
#else
#define HAVE_ALLOCATOR_API 0
#endif

static _Atomic uint64_t allocs_total;
static _Atomic uint64_t bytes_total;
static _Atomic uint64_t frees_total;

bool probe_alloc_available(void)
{
    return HAVE_ALLOCATOR_API;
}

void probe_alloc_read(alloc_counts *out)
{
    out->allocs = atomic_load_explicit(&allocs_total, memory_order_relaxed);
    out->bytes = atomic_load_explicit(&bytes_total, memory_order_relaxed);
    out->frees = atomic_load_explicit(&frees_total, memory_order_relaxed);
}

#if HAVE_ALLOCATOR_API

static _Thread_local int nesting_depth;
static bool installed;

/* ctx of each hook points at the allocator it wraps. */
static PyMemAllocatorEx wrapped_raw, wrapped_mem, wrapped_obj;

static void count_request(size_t size_bytes)
{
    if (nesting_depth == 0) {
        atomic_fetch_add_explicit(&allocs_total, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&bytes_total, size_bytes, memory_order_relaxed);
    }
}

static void *hook_malloc(void *ctx, size_t size)
{
    PyMemAllocatorEx *inner = ctx;
    count_request(size);
    nesting_depth++;
    void *block = inner->malloc(inner->ctx, size);
    nesting_depth--;
    return block;
}

static void *hook_calloc(void *ctx, size_t nelem, size_t elsize)
{
    PyMemAllocatorEx *inner = ctx;
    count_request(nelem * elsize);
    nesting_depth++;
    void *block = inner->calloc(inner->ctx, nelem, elsize);
    nesting_depth--;
    return block;
}

static void *hook_realloc(void *ctx, void *ptr, size_t new_size)
{
    PyMemAllocatorEx *inner = ctx;
    count_request(new_size);
    nesting_depth++;
    void *block = inner->realloc(inner->ctx, ptr, new_size);
    nesting_depth--;
    return block;
}

static void hook_free(void *ctx, void *ptr)
{
    PyMemAllocatorEx *inner = ctx;
    if (ptr != NULL && nesting_depth == 0)
        atomic_fetch_add_explicit(&frees_total, 1, memory_order_relaxed);
    nesting_depth++;
    inner->free(inner->ctx, ptr);
    nesting_depth--;
}

static void wrap_domain(PyMemAllocatorDomain domain, PyMemAllocatorEx *saved)
{
    PyMemAllocatorEx hook = {saved, hook_malloc, hook_calloc, hook_realloc, hook_free};
    PyMem_GetAllocator(domain, saved);
    PyMem_SetAllocator(domain, &hook);
}

int probe_alloc_install(void)
{
    if (installed)
        return -1;
    wrap_domain(PYMEM_DOMAIN_RAW, &wrapped_raw);
    wrap_domain(PYMEM_DOMAIN_MEM, &wrapped_mem);
    wrap_domain(PYMEM_DOMAIN_OBJ, &wrapped_obj);
    installed = true;
    return 0;
}

void probe_alloc_uninstall(void)
{
    if (!installed)
        return;
    PyMem_SetAllocator(PYMEM_DOMAIN_OBJ, &wrapped_obj);
    PyMem_SetAllocator(PYMEM_DOMAIN_MEM, &wrapped_mem);
    PyMem_SetAllocator(PYMEM_DOMAIN_RAW, &wrapped_raw);
    installed = false;
}

#else /* CPython 2.7: no allocator API */

int probe_alloc_install(void)
{
    return -1;
}

void probe_alloc_uninstall(void)
{
}

#endif
