/* run_dir.h: the folder a run writes into, checked before anything is measured. */
#ifndef IDIOMBENCH_RUN_DIR_H
#define IDIOMBENCH_RUN_DIR_H

#include <stddef.h>

/* Creates dir (and its parents) and proves it writable with a temporary file.
 * Returns 0, or -1 with one line naming the cause and the fix in err. */
int run_dir_prepare(const char *dir, char *err, size_t err_size);

/* What a run folder is called until the run is complete: <folder>.partial. */
#define RUN_DIR_PARTIAL ".partial"

/* The run folder final (--out DIR) is started as final.partial, created with final's
 * parents. Refused: a final that exists and is not an empty folder (a run is never
 * merged with another), a final.partial left by an interrupted run, an unwritable place.
 * Returns 0, or -1 with one line naming the cause and the fix in err. */
int run_dir_start(const char *final, char *err, size_t err_size);

/* A new run folder results_root/<UTC date-time>-py<python version>[-k], whose name goes
 * to out: both it and its .partial are new, and the .partial is created. Returns 0, or
 * -1 with one line in err. */
int run_dir_create_new(const char *results_root, const char *python_version, char *out,
                       size_t out_size, char *err, size_t err_size);

/* Renames final.partial to final, the run complete. Returns 0, or -1 with errno set. */
int run_dir_finish(const char *final);

/* final + RUN_DIR_PARTIAL into out. Returns 0, or -1 when it does not fit. */
int run_dir_partial(char *out, size_t out_size, const char *final);

/* Points results_root/latest at run_path (a folder inside results_root), atomically. */
int run_dir_link_latest(const char *results_root, const char *run_path);

/* Joins a folder and a file name into out. Returns 0, or -1 when it does not fit. */
int run_dir_join(char *out, size_t out_size, const char *dir, const char *name);

#endif
