/* sandbox.h: a temporary folder per test, and small file helpers for the unit tests.
 *
 *   char dir[SANDBOX_PATH_MAX];
 *   REQUIRE(sandbox_create(dir) == 0);
 *   ... sandbox_path(path, dir, "meta") ... sandbox_read(path) ...
 *   sandbox_remove(dir);
 *
 * Folders are made under $TMPDIR (or /tmp) and removed with everything in them. */
#ifndef IDIOMBENCH_SANDBOX_H
#define IDIOMBENCH_SANDBOX_H

#include <dirent.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fdio.h"

#define SANDBOX_PATH_MAX 4096

/* Makes a new empty folder; its path goes to dir. Returns 0 or -1. */
static inline int sandbox_create(char dir[SANDBOX_PATH_MAX])
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || base[0] == '\0')
        base = "/tmp";
    int used = snprintf(dir, SANDBOX_PATH_MAX, "%s/idiombench-unit-XXXXXX", base);
    if (used < 0 || used >= SANDBOX_PATH_MAX)
        return -1;
    return mkdtemp(dir) != NULL ? 0 : -1;
}

/* out = dir/name (out has SANDBOX_PATH_MAX bytes); aborts when it does not fit. */
static inline const char *sandbox_path(char out[SANDBOX_PATH_MAX], const char *dir,
                                       const char *name)
{
    int used = snprintf(out, SANDBOX_PATH_MAX, "%s/%s", dir, name);
    if (used < 0 || used >= SANDBOX_PATH_MAX) {
        fprintf(stderr, "sandbox_path: '%s/%s' is too long\n", dir, name);
        abort();
    }
    return out;
}

static inline int sandbox_remove_entry(const char *path, const struct stat *info, int flag,
                                       struct FTW *ftw)
{
    (void)info;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Removes dir and everything below it (symlinks are removed, not followed). */
static inline void sandbox_remove(const char *dir)
{
    nftw(dir, sandbox_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes text to path (replacing it). Returns 0 or -1. */
static inline int sandbox_write(const char *path, const char *text)
{
    FILE *stream = fopen(path, "w");
    if (stream == NULL)
        return -1;
    size_t length = strlen(text);
    int failed = fwrite(text, 1, length, stream) != length;
    failed |= fclose(stream) != 0;
    return failed ? -1 : 0;
}

/* The whole file as a malloc'd string, or NULL. */
static inline char *sandbox_read(const char *path)
{
    return fdio_read_file(path, NULL);
}

/* Writes to a memory stream with f and returns what it wrote (malloc'd), or NULL. */
static inline char *sandbox_capture(void (*f)(FILE *out, const void *arg), const void *arg)
{
    char *text = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&text, &length);
    if (stream == NULL)
        return NULL;
    f(stream, arg);
    if (fclose(stream) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* How many entries of dir have a name containing part. -1 when dir cannot be read. */
static inline int sandbox_count_names(const char *dir, const char *part)
{
    DIR *folder = opendir(dir);
    if (folder == NULL)
        return -1;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(folder)) != NULL)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0 &&
            strstr(entry->d_name, part) != NULL)
            count++;
    closedir(folder);
    return count;
}

/* True when path exists and is a folder. */
static inline bool sandbox_is_dir(const char *path)
{
    struct stat info;
    return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

#endif
