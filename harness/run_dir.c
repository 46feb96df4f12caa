/* run_dir.c: makes and names run folders; results/latest follows the newest run. */
#include "run_dir.h"
#include "atomic_file.h"

#include <errno.h>
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

int run_dir_create_new(const char *results_root, const char *python_version, char *out,
                       size_t out_size, char *err, size_t err_size)
{
    if (run_dir_prepare(results_root, err, err_size) != 0)
        return -1;
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", gmtime(&now));
    for (int attempt = 1; attempt < 100; attempt++) {
        int used = attempt == 1
                       ? snprintf(out, out_size, "%s/%s-py%s", results_root, stamp,
                                  python_version)
                       : snprintf(out, out_size, "%s/%s-py%s-%d", results_root, stamp,
                                  python_version, attempt);
        if (used < 0 || (size_t)used >= out_size) {
            errno = ENAMETOOLONG;
            break;
        }
        if (mkdir(out, 0755) == 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    snprintf(err, err_size, "cannot create a run folder in '%s': %s (give one with --out DIR)",
             results_root, strerror(errno));
    return -1;
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
