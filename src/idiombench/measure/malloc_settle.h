/* malloc_settle.h: glibc's malloc put in its steady state once, before anything is
 * measured. */
#ifndef IDIOMBENCH_MALLOC_SETTLE_H
#define IDIOMBENCH_MALLOC_SETTLE_H

/* Allocates and frees one block of MALLOC_SETTLE_BYTES. glibc serves a block that big
 * with mmap, and freeing it raises its mmap threshold to the block's size and its trim
 * threshold to twice that, for the life of the process (it never lowers them). From
 * then on, blocks up to 16 MiB come from the heap, which is no longer trimmed after
 * each free: a string grown piece by piece to tens of kilobytes no longer pays a brk
 * and fresh page faults per piece, whatever ran before it in the process. Every family
 * child inherits the state. Harmless with another allocator. */
void malloc_settle(void);

#define MALLOC_SETTLE_BYTES ((size_t)16 << 20)

#endif
