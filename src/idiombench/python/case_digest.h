/* case_digest.h: a fingerprint of what a case measures, so that two runs can tell
 * whether a case of one name was the same case in both (make merge refuses runs whose
 * shared cases differ). */
#ifndef IDIOMBENCH_CASE_DIGEST_H
#define IDIOMBENCH_CASE_DIGEST_H

#include <stdint.h>

#include "catalogue.h"

/* 64-bit FNV-1a over the case's definition: family, name, setup, stmt, teardown, the
 * sizes, whether the collector runs, module scope, and the oldest Python it runs on.
 * Not its instruments (what is measured of it) nor its file (where it is declared). */
uint64_t case_digest_of(const case_def *c);

/* The digest as 16 lower-case hex digits and a NUL: what cases.csv writes. */
void case_digest_text(const case_def *c, char out[17]);

#endif
