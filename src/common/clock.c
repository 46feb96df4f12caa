/* clock.c: CLOCK_MONOTONIC, read directly (vDSO, no system call on Linux). */
#include "clock.h"

#include <time.h>

#define SEC_TO_NS 1000000000LL

int64_t clock_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * SEC_TO_NS + ts.tv_nsec;
}

const char *clock_name(void)
{
    return "CLOCK_MONOTONIC (clock_gettime)";
}

int64_t clock_resolution_ns(void)
{
    struct timespec ts;
    if (clock_getres(CLOCK_MONOTONIC, &ts) != 0)
        return -1;
    return (int64_t)ts.tv_sec * SEC_TO_NS + ts.tv_nsec;
}
