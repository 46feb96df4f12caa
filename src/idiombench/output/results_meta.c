/* results_meta.c: a list of facts about a run, written as "key: value" lines. */
#include "results_meta.h"
#include "atomic_file.h"

#include <stdlib.h>
#include <string.h>

int results_meta_add(meta_list *meta, const char *key, const char *value)
{
    meta_entry *grown = realloc(meta->entries, (meta->count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    meta->entries = grown;
    char *copy = strdup(value ? value : "");
    if (copy == NULL)
        return -1;
    for (char *p = copy; *p != '\0'; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    meta->entries[meta->count].key = key;
    meta->entries[meta->count].value = copy;
    meta->count++;
    return 0;
}

void results_meta_free(meta_list *meta)
{
    for (size_t i = 0; i < meta->count; i++)
        free(meta->entries[i].value);
    free(meta->entries);
    meta->entries = NULL;
    meta->count = 0;
}

int results_meta_write(const meta_list *meta, const char *path)
{
    atomic_file file;
    if (atomic_file_open(&file, path) != 0)
        return -1;
    for (size_t i = 0; i < meta->count; i++)
        fprintf(file.stream, "%s: %s\n", meta->entries[i].key, meta->entries[i].value);
    return atomic_file_commit(&file);
}
