/* run_dir.c: makes and names run folders; results/latest follows the newest run. */
#include "run_dir.h"
#include "atomic_file.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int run_dir_join(char *out, size_t out_size, const char *dir, const char *name)
{
    int used = snprintf(out, out_size, "%s/%s", dir, name);
    return used < 0 || (size_t)used >= out_size ? -1 : 0;
}

/* mkdir -p */
static int make_folders(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = path + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        return -1;
    struct stat info;
    if (stat(path, &info) != 0)
        return -1;
    if (!S_ISDIR(info.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int run_dir_prepare(const char *dir, char *err, size_t err_size)
{
    char probe[4096];
    if (dir[0] == '\0') {
        snprintf(err, err_size, "the results folder is empty: give a folder with --out DIR");
        return -1;
    }
    atomic_file file;
    if (make_folders(dir) != 0 || run_dir_join(probe, sizeof probe, dir, ".write-test") != 0 ||
        atomic_file_open(&file, probe) != 0) {
        snprintf(err, err_size,
                 "cannot write results to '%s': %s (give a writable folder with --out DIR)",
                 dir, strerror(errno ? errno : ENAMETOOLONG));
        return -1;
    }
    atomic_file_abort(&file);
    return 0;
}

int run_dir_partial(char *out, size_t out_size, const char *final)
{
    int used = snprintf(out, out_size, "%s" RUN_DIR_PARTIAL, final);
    return used < 0 || (size_t)used >= out_size ? -1 : 0;
}

/* True when path exists (a dangling symbolic link included). */
static bool exists(const char *path)
{
    struct stat info;
    return lstat(path, &info) == 0;
}

/* True when dir is a folder (not a link to one) with nothing in it. */
static bool empty_folder(const char *dir)
{
    struct stat info;
    if (lstat(dir, &info) != 0 || !S_ISDIR(info.st_mode))
        return false;
    DIR *listing = opendir(dir);
    if (listing == NULL)
        return false;
    struct dirent *entry;
    bool empty = true;
    while (empty && (entry = readdir(listing)) != NULL)
        empty = strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0;
    closedir(listing);
    return empty;
}

/* Creates final's parent folders and final.partial. Returns 0, or -1 with errno set. */
static int make_partial(const char *final, const char *partial)
{
    char parent[4096];
    if (snprintf(parent, sizeof parent, "%s", final) >= (int)sizeof parent) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *slash = strrchr(parent, '/');
    if (slash != NULL && slash != parent) {
        *slash = '\0';
        if (make_folders(parent) != 0)
            return -1;
    }
    return mkdir(partial, 0755);
}

int run_dir_start(const char *final, char *err, size_t err_size)
{
    char partial[4096];
    if (final[0] == '\0') {
        snprintf(err, err_size, "the results folder is empty: give a folder with --out DIR");
        return -1;
    }
    if (run_dir_partial(partial, sizeof partial, final) != 0) {
        errno = ENAMETOOLONG;
    } else if (exists(final) && !empty_folder(final)) {
        snprintf(err, err_size, "--out '%s' already exists and is not an empty folder: a run "
                 "is never merged with another; remove it or name a new folder", final);
        return -1;
    } else if (exists(partial)) {
        snprintf(err, err_size, "'%s' exists, left by an interrupted run: remove it, or name "
                 "a new folder with --out", partial);
        return -1;
    } else if (!exists(final) || access(final, W_OK) == 0) {
        if (make_partial(final, partial) == 0)
            return 0;
    }
    snprintf(err, err_size,
             "cannot write results to '%s': %s (give a writable folder with --out DIR)", final,
             strerror(errno));
    return -1;
}

int run_dir_create_new(const char *results_root, const char *python_version, char *out,
                       size_t out_size, char *err, size_t err_size)
{
    if (run_dir_prepare(results_root, err, err_size) != 0)
        return -1;
    char stamp[32], partial[4096];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime(&now));
    for (int attempt = 1; attempt < 100; attempt++) {
        int used = attempt == 1
                       ? snprintf(out, out_size, "%s/%s-py%s", results_root, stamp,
                                  python_version)
                       : snprintf(out, out_size, "%s/%s-py%s-%d", results_root, stamp,
                                  python_version, attempt);
        if (used < 0 || (size_t)used >= out_size ||
            run_dir_partial(partial, sizeof partial, out) != 0) {
            errno = ENAMETOOLONG;
            break;
        }
        if (exists(out))
            continue;
        if (mkdir(partial, 0755) == 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    snprintf(err, err_size, "cannot create a run folder in '%s': %s (give one with --out DIR)",
             results_root, strerror(errno));
    return -1;
}

int run_dir_finish(const char *final)
{
    char partial[4096];
    if (run_dir_partial(partial, sizeof partial, final) != 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return rename(partial, final); /* an empty folder at final is replaced */
}

int run_dir_link_latest(const char *results_root, const char *run_path)
{
    const char *name = strrchr(run_path, '/');
    name = name ? name + 1 : run_path;
    char temp[4096], latest[4096];
    if (run_dir_join(temp, sizeof temp, results_root, ".latest.tmp") != 0 ||
        run_dir_join(latest, sizeof latest, results_root, "latest") != 0)
        return -1;
    unlink(temp);
    if (symlink(name, temp) != 0)
        return -1;
    if (rename(temp, latest) != 0) { /* e.g. results/latest is a real folder */
        unlink(temp);
        return -1;
    }
    return 0;
}
