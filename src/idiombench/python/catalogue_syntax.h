/* catalogue_syntax.h: each case compiled as it will be measured, before anything runs,
 * so that a syntax error in a setup or stmt names the catalogue file and line. */
#ifndef IDIOMBENCH_CATALOGUE_SYNTAX_H
#define IDIOMBENCH_CATALOGUE_SYNTAX_H

#include <stddef.h>

#include "catalogue.h"

/* Compiles every case that runs on this Python (loop_compile: its setup and stmt in
 * the loop the harness times; no code of the case runs). Returns 0, or -1 with one line
 * in err: "<file>:<line>: case '<name>': syntax error in its stmt: <message> (...)",
 * the line being the one at fault in the catalogue file when its text is found there
 * after the case's name, else the case's. Needs a running interpreter. */
int catalogue_syntax_check(const catalogue *cat, char *err, size_t err_size);

/* catalogue_load_within, then catalogue_syntax_check: 0, or -1 with one line in err and
 * nothing left to free. */
int catalogue_syntax_load_checked(const char *path, int timeout_s, catalogue *out, char *err,
                                  size_t err_size);

#endif
