/* compare_fixture.h: a small samples.csv for the compare tool's output tests, worked out
 * by hand: constant samples make every figure exact.
 *   identity/is_none time_per_op: 3.11.7 10, 10; 3.12.1 12, 12 (1.2, slower);
 *       3.13.0 8, 8 (0.8, faster)
 *   identity/is_none allocs_per_op: one round each of 3.11.7 and 3.12.1 (insufficient)
 *   strings/join bytes_per_op: 3.11.7 at n = 10, 100, 1000 (8 bytes per item: O(n));
 *       3.12.1 at n = 10 only (no difference)
 *   copying/deep allocs_per_op: 3.12.1 only (the baseline has no samples) */
#ifndef IDIOMBENCH_COMPARE_FIXTURE_H
#define IDIOMBENCH_COMPARE_FIXTURE_H

#include "compare_pairs.h"
#include "compare_samples.h"

#include <gsl/gsl_errno.h>

static const char compare_fixture_csv[] =
    "python_version,family,case,n,metric,unit,round,value,loops\n"
    "3.11.7,identity,is_none,,time_per_op,ns,1,10,2000\n"
    "3.11.7,identity,is_none,,time_per_op,ns,2,10,2000\n"
    "3.12.1,identity,is_none,,time_per_op,ns,1,12,2000\n"
    "3.12.1,identity,is_none,,time_per_op,ns,2,12,2000\n"
    "3.13.0,identity,is_none,,time_per_op,ns,1,8,2000\n"
    "3.13.0,identity,is_none,,time_per_op,ns,2,8,2000\n"
    "3.11.7,identity,is_none,,allocs_per_op,allocs,1,0,10000\n"
    "3.12.1,identity,is_none,,allocs_per_op,allocs,1,0,10000\n"
    "3.11.7,strings,join,10,bytes_per_op,bytes,1,80,1000\n"
    "3.11.7,strings,join,10,bytes_per_op,bytes,2,80,1000\n"
    "3.11.7,strings,join,100,bytes_per_op,bytes,1,800,100\n"
    "3.11.7,strings,join,100,bytes_per_op,bytes,2,800,100\n"
    "3.11.7,strings,join,1000,bytes_per_op,bytes,1,8000,10\n"
    "3.11.7,strings,join,1000,bytes_per_op,bytes,2,8000,10\n"
    "3.12.1,strings,join,10,bytes_per_op,bytes,1,80,1000\n"
    "3.12.1,strings,join,10,bytes_per_op,bytes,2,80,1000\n"
    "3.12.1,copying,deep,,allocs_per_op,allocs,1,1,100\n"
    "3.12.1,copying,deep,,allocs_per_op,allocs,2,1,100\n";

typedef struct compare_fixture {
    sample_set set;
    comparison_set comparisons;
} compare_fixture;

/* Reads text and compares against the version labelled baseline at 95%. Returns 0 or -1. */
static inline int compare_fixture_load(compare_fixture *f, const char *text,
                                       const char *baseline)
{
    char err[1024];
    gsl_set_error_handler_off();
    memset(f, 0, sizeof *f);
    if (compare_samples_parse(text, strlen(text), "fixture.csv", &f->set, err, sizeof err) != 0) {
        printf("fixture: %s\n", err);
        return -1;
    }
    long index = compare_samples_find_version(&f->set, baseline);
    if (index < 0 || compare_pairs_build(&f->set, (size_t)index, 0.95, &f->comparisons) != 0) {
        compare_samples_free(&f->set);
        return -1;
    }
    return 0;
}

static inline void compare_fixture_free(compare_fixture *f)
{
    compare_pairs_free(&f->comparisons);
    compare_samples_free(&f->set);
}

#endif
