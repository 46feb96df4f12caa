/* atomic_file.h: write a whole file or nothing, through a temporary name and rename(2). */
#ifndef IDIOMBENCH_ATOMIC_FILE_H
#define IDIOMBENCH_ATOMIC_FILE_H

#include <stdio.h>

typedef struct atomic_file {
    FILE *stream;      /* write here */
    char *final_path;
    char *temp_path;
} atomic_file;

/* Opens a temporary file beside path. Returns 0, or -1 with errno set. */
int atomic_file_open(atomic_file *file, const char *path);

/* Flushes, syncs and renames the temporary file to its final path.
 * Returns 0, or -1 with errno set (the temporary file is then removed). */
int atomic_file_commit(atomic_file *file);

/* Abandons the temporary file, leaving any earlier file at the final path untouched. */
void atomic_file_abort(atomic_file *file);

#endif
