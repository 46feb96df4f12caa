/* malloc_settle.c: see malloc_settle.h. */
#include "malloc_settle.h"

#include <stdlib.h>

void malloc_settle(void)
{
    /* volatile: the compiler may not drop a malloc whose block is only freed. */
    void *volatile block = malloc(MALLOC_SETTLE_BYTES);
    free(block);
}
