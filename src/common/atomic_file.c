/* atomic_file.c: readers see the old file or the new one, never half of one. */
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(atomic_file *file)
{
    free(file->final_path);
    free(file->temp_path);
    file->final_path = file->temp_path = NULL;
    file->stream = NULL;
}

int atomic_file_open(atomic_file *file, const char *path)
{
    memset(file, 0, sizeof *file);
    size_t length = strlen(path);
    file->final_path = strdup(path);
    file->temp_path = malloc(length + sizeof ".tmp.XXXXXX");
    if (file->final_path == NULL || file->temp_path == NULL) {
        release(file);
        errno = ENOMEM;
        return -1;
    }
    memcpy(file->temp_path, path, length);
    memcpy(file->temp_path + length, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(file->temp_path);
    if (fd < 0) {
        int saved = errno;
        release(file);
        errno = saved;
        return -1;
    }
    fchmod(fd, 0644); /* mkstemp makes 0600; results are meant to be shared */
    file->stream = fdopen(fd, "w");
    if (file->stream == NULL) {
        int saved = errno;
        close(fd);
        unlink(file->temp_path);
        release(file);
        errno = saved;
        return -1;
    }
    return 0;
}

int atomic_file_commit(atomic_file *file)
{
    int failed = ferror(file->stream) || fflush(file->stream) != 0 ||
                 fsync(fileno(file->stream)) != 0;
    int saved = errno;
    if (fclose(file->stream) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    file->stream = NULL;
    if (!failed && rename(file->temp_path, file->final_path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed)
        unlink(file->temp_path);
    release(file);
    if (failed) {
        errno = saved ? saved : EIO;
        return -1;
    }
    return 0;
}

void atomic_file_abort(atomic_file *file)
{
    if (file->stream != NULL)
        fclose(file->stream);
    if (file->temp_path != NULL)
        unlink(file->temp_path);
    release(file);
}
