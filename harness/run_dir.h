/* run_dir.h: the folder a run writes into, checked before anything is measured. */
#ifndef IDIOMBENCH_RUN_DIR_H
#define IDIOMBENCH_RUN_DIR_H

#include <stddef.h>

/* Creates dir (and its parents) and proves it writable with a temporary file.
 * Returns 0, or -1 with one line naming the cause and the fix in err. */
int run_dir_prepare(const char *dir, char *err, size_t err_size);

/* A new run folder results/<UTC date-time>-<python version>[-k] under results_root,
 * created; its path goes to out. Returns 0, or -1 with one line in err. */
int run_dir_create_new(const char *results_root, const char *python_version, char *out,
                       size_t out_size, char *err, size_t err_size);

/* Points results_root/latest at run_path (a folder inside results_root), atomically. */
int run_dir_link_latest(const char *results_root, const char *run_path);

/* Joins a folder and a file name into out. Returns 0, or -1 when it does not fit. */
int run_dir_join(char *out, size_t out_size, const char *dir, const char *name);

#endif
