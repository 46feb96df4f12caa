/* results_meta.h: the meta file, "key: value" lines describing how a run was made. */
#ifndef IDIOMBENCH_RESULTS_META_H
#define IDIOMBENCH_RESULTS_META_H

#include <stddef.h>

typedef struct meta_entry {
    const char *key;
    char *value; /* malloc'd */
} meta_entry;

typedef struct meta_list {
    meta_entry *entries;
    size_t count;
} meta_list;

/* Adds key (a static string) with a copy of value; line breaks become spaces.
 * Returns 0 or -1 (memory). */
int results_meta_add(meta_list *meta, const char *key, const char *value);

void results_meta_free(meta_list *meta);

/* Writes the entries in order, whole or not at all. Returns 0, or -1 with errno set. */
int results_meta_write(const meta_list *meta, const char *path);

#endif
