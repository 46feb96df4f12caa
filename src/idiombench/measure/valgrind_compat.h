/* valgrind_compat.h: callgrind's client requests where valgrind's headers are installed,
 * and stand-ins that do nothing (and say "not under valgrind") where they are not, so
 * that the harness builds either way. HAVE_CALLGRIND says which. */
#ifndef IDIOMBENCH_VALGRIND_COMPAT_H
#define IDIOMBENCH_VALGRIND_COMPAT_H

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#endif
#endif

#ifndef HAVE_CALLGRIND
#define HAVE_CALLGRIND 0
#define RUNNING_ON_VALGRIND 0
#define CALLGRIND_ZERO_STATS ((void)0)
#define CALLGRIND_TOGGLE_COLLECT ((void)0)
#define CALLGRIND_DUMP_STATS_AT(label) ((void)(label))
#define CALLGRIND_START_INSTRUMENTATION ((void)0)
#define CALLGRIND_STOP_INSTRUMENTATION ((void)0)
#endif

#endif
