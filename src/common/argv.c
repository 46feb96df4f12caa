/* argv.c: an option's value, given as "--name VALUE" or "--name=VALUE". Pure. */
#include "argv.h"

#include <string.h>

const char *argv_option_value(int argc, char **argv, int *i, const char *name,
                              bool *missing)
{
    size_t length = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, length) != 0)
        return NULL;
    if (arg[length] == '=')
        return arg + length + 1;
    if (arg[length] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}
