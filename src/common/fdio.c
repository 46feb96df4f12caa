/* fdio.c: the write(2) loop every writer to a pipe or an appended file needs, and the
 * one reader of a whole file. */
#include "fdio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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

char *fdio_read_file(const char *path, size_t *length)
{
    FILE *stream = fopen(path, "rb");
    if (stream == NULL)
        return NULL;
    size_t capacity = 65536, used = 0;
    char *text = malloc(capacity);
    while (text != NULL) {
        used += fread(text + used, 1, capacity - used - 1, stream);
        if (used < capacity - 1)
            break;
        char *bigger = realloc(text, capacity * 2);
        if (bigger == NULL)
            free(text);
        text = bigger;
        capacity *= 2;
    }
    int failed = text == NULL || ferror(stream);
    int saved = text == NULL ? ENOMEM : errno;
    fclose(stream);
    if (failed) {
        free(text);
        errno = saved ? saved : EIO;
        return NULL;
    }
    text[used] = '\0';
    if (length != NULL)
        *length = used;
    return text;
}
