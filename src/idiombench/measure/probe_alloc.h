/* probe_alloc.h: counts allocation requests in CPython's three allocator domains. */
#ifndef IDIOMBENCH_PROBE_ALLOC_H
#define IDIOMBENCH_PROBE_ALLOC_H

#include <stdbool.h>
#include <stdint.h>

typedef struct alloc_counts {
    uint64_t allocs; /* malloc, calloc and realloc requests */
    uint64_t bytes;  /* bytes requested by them */
    uint64_t frees;  /* free requests of non-NULL blocks */
} alloc_counts;

/* True where the C API has PyMem_SetAllocator (CPython 3.4+). */
bool probe_alloc_available(void);

/* Wraps the RAW, MEM and OBJ allocators in force (the GIL must be held). A request
 * that one domain passes on to another (pymalloc handing a large block to RAW) is
 * counted once. Returns 0, or -1 when unavailable or already installed. */
int probe_alloc_install(void);

/* Restores the allocators that probe_alloc_install wrapped. */
void probe_alloc_uninstall(void);

/* The counts so far (monotonic while installed; only differences mean anything). */
void probe_alloc_read(alloc_counts *out);

#endif
