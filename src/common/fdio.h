/* fdio.h: whole writes to a file descriptor that a signal may interrupt, and whole
 * files read into memory. */
#ifndef IDIOMBENCH_FDIO_H
#define IDIOMBENCH_FDIO_H

#include <stddef.h>

/* Writes all length bytes of data to fd, again after EINTR. Returns 0, or -1 with errno
 * set (ENOSPC when write(2) took nothing). */
int fdio_write_all(int fd, const void *data, size_t length);

/* The whole file at path, as a malloc'd buffer with a '\0' after its length bytes (in
 * *length, when length is not NULL). NULL with errno set when it cannot be opened or
 * read, or memory runs out. */
char *fdio_read_file(const char *path, size_t *length);

#endif
