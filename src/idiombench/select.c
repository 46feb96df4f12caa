/* select.c: --filter as a POSIX extended regular expression over "family/case". */
#include "select.h"

#include <regex.h>
#include <stdio.h>

int select_cases(const catalogue *cat, const char *pattern, bool *chosen, size_t *count,
                 char *err, size_t err_size)
{
    regex_t regex;
    *count = 0;
    if (pattern != NULL) {
        int code = regcomp(&regex, pattern, REG_EXTENDED | REG_NOSUB);
        if (code != 0) {
            char reason[256];
            regerror(code, &regex, reason, sizeof reason);
            snprintf(err, err_size,
                     "bad --filter '%s': %s (it is a POSIX extended regular expression, "
                     "e.g. 'identity/is_')", pattern, reason);
            return -1;
        }
    }
    for (size_t i = 0; i < cat->count; i++) {
        char name[512];
        snprintf(name, sizeof name, "%s/%s", cat->cases[i].family, cat->cases[i].name);
        chosen[i] = pattern == NULL || regexec(&regex, name, 0, NULL, 0) == 0;
        *count += chosen[i];
    }
    if (pattern != NULL)
        regfree(&regex);
    if (*count == 0) {
        snprintf(err, err_size,
                 "--filter '%s' matches no case (idiombench --list shows every family/case)",
                 pattern ? pattern : "");
        return -1;
    }
    return 0;
}
