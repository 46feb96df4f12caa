/* host_facts.h: what the meta file says about the machine, the Python and the suite. */
#ifndef IDIOMBENCH_HOST_FACTS_H
#define IDIOMBENCH_HOST_FACTS_H

#include "results_meta.h"

/* Adds host, CPU, kernel, compiler, Python (version, path, build flags), the suite's
 * git commit, the clock, the allocator probe and Google Benchmark's build type.
 * source_dir is the suite's checkout; the interpreter must be running.
 * Returns 0 or -1 (memory). */
int host_facts_collect(meta_list *meta, const char *source_dir);

#endif
