/* argv.h: the one way our command lines spell an option's value. */
#ifndef IDIOMBENCH_ARGV_H
#define IDIOMBENCH_ARGV_H

#include <stdbool.h>

/* The value of "--name VALUE" (advancing *i past it) or "--name=VALUE" at argv[*i];
 * NULL when argv[*i] is not --name, or when it has no value (*missing is then set). */
const char *argv_option_value(int argc, char **argv, int *i, const char *name,
                              bool *missing);

#endif
