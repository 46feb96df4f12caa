/* clock.h: the monotonic clock every time figure is read from. */
#ifndef IDIOMBENCH_CLOCK_H
#define IDIOMBENCH_CLOCK_H

#include <stdint.h>

/* Nanoseconds on CLOCK_MONOTONIC; only differences mean anything. */
int64_t clock_now_ns(void);

/* The clock's name and resolution, for the meta file. */
const char *clock_name(void);
int64_t clock_resolution_ns(void);

#endif
