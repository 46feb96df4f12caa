/* results_append.c: each flush formats the new rows in memory and appends them with
 * write(2), so that a failure leaves the files ending on a whole row. */
#include "results_append.h"
#include "fdio.h"
#include "results_csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const FILE_NAMES[RESULTS_APPEND_FILES] = {
    "measurements.csv", "samples.csv", "failures.csv"};
static const char *const HEADERS[RESULTS_APPEND_FILES] = {
    MEASUREMENTS_COLUMNS "\n", SAMPLES_COLUMNS "\n",
    FAILURES_COLUMNS "\n"};

/* Writes all of text at the file's end. The file must still be linked: one removed
 * meanwhile (its folder deleted) takes nothing. Returns 0, or -1 with errno set. */
static int append_whole(int fd, off_t *kept, const char *text, size_t length)
{
    if (fdio_write_all(fd, text, length) != 0)
        return -1;
    struct stat info;
    if (fstat(fd, &info) != 0)
        return -1;
    if (info.st_nlink == 0) {
        errno = ENOENT;
        return -1;
    }
    *kept += (off_t)length;
    return 0;
}

/* Cuts every file back to the size it had before the flush that failed. */
static void roll_back(results_append *a, const off_t *before)
{
    int saved = errno;
    for (int i = 0; i < RESULTS_APPEND_FILES; i++) {
        if (a->fds[i] >= 0 && ftruncate(a->fds[i], before[i]) == 0)
            a->kept[i] = before[i];
    }
    errno = saved;
}

int results_append_open(results_append *a, const char *dir)
{
    *a = (results_append){.fds = {-1, -1, -1}};
    for (int i = 0; i < RESULTS_APPEND_FILES; i++) {
        char path[4200];
        if (snprintf(path, sizeof path, "%s/%s", dir, FILE_NAMES[i]) >= (int)sizeof path) {
            errno = ENAMETOOLONG;
        } else if ((a->fds[i] = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND |
                                               O_CLOEXEC, 0644)) >= 0 &&
                   append_whole(a->fds[i], &a->kept[i], HEADERS[i],
                                strlen(HEADERS[i])) == 0) {
            continue;
        }
        int saved = errno;
        results_append_close(a);
        errno = saved;
        return -1;
    }
    return 0;
}

/* Formats the new lines of file `which` in memory: rows from `from` (failures for
 * failures.csv). Returns the text (malloc'd) and its length, or NULL (memory). */
static char *format_new(const results *r, int which, size_t from, size_t *length)
{
    char *text = NULL;
    FILE *out = open_memstream(&text, length);
    if (out == NULL)
        return NULL;
    size_t count = which == 2 ? r->failure_count : r->row_count;
    for (size_t i = from; i < count; i++) {
        if (which == 0)
            results_csv_measurement(out, r->python_version, &r->rows[i]);
        else if (which == 1)
            results_csv_samples(out, r->python_version, &r->rows[i]);
        else
            results_csv_failure(out, r->python_version, &r->failures[i]);
    }
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int results_append_flush(results_append *a, const results *r)
{
    if (a->broken) {
        errno = EIO;
        return -1;
    }
    off_t before[RESULTS_APPEND_FILES];
    memcpy(before, a->kept, sizeof before);
    for (int i = 0; i < RESULTS_APPEND_FILES; i++) {
        size_t length = 0;
        char *text = format_new(r, i, i == 2 ? a->failures_written : a->rows_written, &length);
        int status = text == NULL ? -1 : append_whole(a->fds[i], &a->kept[i], text, length);
        int saved = text == NULL ? ENOMEM : errno;
        free(text);
        if (status != 0) {
            a->broken = true;
            errno = saved;
            roll_back(a, before);
            return -1;
        }
    }
    a->rows_written = r->row_count;
    a->failures_written = r->failure_count;
    return 0;
}

int results_append_close(results_append *a)
{
    int status = 0, saved = 0;
    for (int i = 0; i < RESULTS_APPEND_FILES; i++) {
        if (a->fds[i] < 0)
            continue;
        int synced = fsync(a->fds[i]);
        int sync_errno = errno;
        if (close(a->fds[i]) != 0 || synced != 0) {
            saved = status == 0 ? (synced != 0 ? sync_errno : errno) : saved;
            status = -1;
        }
        a->fds[i] = -1;
    }
    errno = saved;
    return status;
}
