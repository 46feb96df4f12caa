/* fdio.h: writes to a file descriptor that a signal may interrupt. */
#ifndef IDIOMBENCH_FDIO_H
#define IDIOMBENCH_FDIO_H

#include <stddef.h>

/* Writes all length bytes of data to fd, again after EINTR. Returns 0, or -1 with errno
 * set (ENOSPC when write(2) took nothing). */
int fdio_write_all(int fd, const void *data, size_t length);

#endif
