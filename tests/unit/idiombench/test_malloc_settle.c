/* test_malloc_settle.c: after malloc_settle, glibc serves a 1 MiB block from its heap
 * instead of mmap (its mmap threshold was raised), and keeps doing so. */
#include "check.h"
#include "malloc_settle.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
/* glibc's heap lies below the program break; the blocks it maps lie far above it. */
static int is_mmapped(const void *block)
{
    return (uintptr_t)block >= (uintptr_t)sbrk(0);
}

TEST(a_mebibyte_block_moves_from_mmap_to_the_heap)
{
    void *before = malloc((size_t)1 << 20); /* glibc's default threshold: 128 KiB */
    REQUIRE(before != NULL);
    CHECK(is_mmapped(before));
    malloc_settle(); /* before `before` is freed: freeing it would raise the threshold */
    for (int i = 0; i < 3; i++) { /* and it stays so: the threshold never comes down */
        void *after = malloc((size_t)1 << 20);
        REQUIRE(after != NULL);
        CHECK(!is_mmapped(after));
        free(after);
    }
    free(before);
}
#endif

int main(void)
{
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
    RUN(a_mebibyte_block_moves_from_mmap_to_the_heap);
#else
    puts("malloc_settle: glibc's own malloc is not in use here (ASan or another libc)");
#endif
    return check_summary();
}
