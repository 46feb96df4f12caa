/* fdio.c: the write(2) loop every writer to a pipe or an appended file needs. */
#include "fdio.h"

#include <errno.h>
#include <unistd.h>

int fdio_write_all(int fd, const void *data, size_t length)
{
    const char *at = data;
    while (length > 0) {
        ssize_t written = write(fd, at, length);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            if (written == 0)
                errno = ENOSPC;
            return -1;
        }
        at += written;
        length -= (size_t)written;
    }
    return 0;
}
