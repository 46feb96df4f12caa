/* csv.c: RFC 4180 records: a reader over text held in memory, and the writers. */
#include "csv.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UTF8_BOM "\xEF\xBB\xBF"

void csv_reader_init(csv_reader *reader, const char *text, size_t length)
{
    memset(reader, 0, sizeof *reader);
    reader->text = text;
    reader->length = length;
    reader->line = 1;
    if (length >= 3 && memcmp(text, UTF8_BOM, 3) == 0)
        reader->position = 3;
}

void csv_reader_free(csv_reader *reader)
{
    free(reader->fields);
    free(reader->buffer);
    free(reader->offsets);
    reader->fields = NULL;
    reader->buffer = NULL;
    reader->offsets = NULL;
    reader->field_count = 0;
}

static bool at_end(const csv_reader *reader)
{
    return reader->position >= reader->length;
}

static char peek(const csv_reader *reader)
{
    return at_end(reader) ? '\0' : reader->text[reader->position];
}

static bool at_line_break(const csv_reader *reader)
{
    return !at_end(reader) && (peek(reader) == '\n' || peek(reader) == '\r');
}

/* Consumes one line break (LF, CRLF or CR). Returns false when there is none. */
static bool take_line_break(csv_reader *reader)
{
    if (!at_line_break(reader))
        return false;
    char first = reader->text[reader->position++];
    if (first == '\r' && peek(reader) == '\n')
        reader->position++;
    reader->line++;
    return true;
}

/* items with room for needed of them (item_size bytes each), or NULL when memory runs
 * out (items is then unchanged); *capacity follows. */
static void *grow(void *items, size_t *capacity, size_t needed, size_t item_size)
{
    if (needed <= *capacity && items != NULL)
        return items;
    size_t bigger = *capacity ? *capacity * 2 : 64;
    while (bigger < needed)
        bigger *= 2;
    void *grown = realloc(items, bigger * item_size);
    if (grown != NULL)
        *capacity = bigger;
    return grown;
}

static int put_char(csv_reader *reader, char c)
{
    char *buffer = grow(reader->buffer, &reader->buffer_capacity, reader->buffer_used + 1, 1);
    if (buffer == NULL)
        return -1;
    reader->buffer = buffer;
    reader->buffer[reader->buffer_used++] = c;
    return 0;
}

static int start_field(csv_reader *reader)
{
    size_t *offsets = grow(reader->offsets, &reader->offset_capacity, reader->field_count + 1,
                           sizeof *offsets);
    if (offsets == NULL)
        return -1;
    reader->offsets = offsets;
    reader->offsets[reader->field_count++] = reader->buffer_used;
    return 0;
}

static csv_status out_of_memory(char *err, size_t err_size)
{
    snprintf(err, err_size, "out of memory");
    return CSV_ERROR;
}

/* Reads a field up to the next comma or line break. */
static csv_status read_plain_field(csv_reader *reader, char *err, size_t err_size)
{
    while (!at_end(reader) && peek(reader) != ',' && !at_line_break(reader))
        if (put_char(reader, reader->text[reader->position++]) != 0)
            return out_of_memory(err, err_size);
    return CSV_RECORD;
}

/* Reads a field in double quotes (the position is at the opening quote), then checks
 * that a comma, a line break or the end follows the closing quote. */
static csv_status read_quoted_field(csv_reader *reader, char *err, size_t err_size)
{
    long opened_line = reader->line;
    reader->position++;
    for (;;) {
        if (at_end(reader)) {
            snprintf(err, err_size, "line %ld: a quoted field is never closed (a '\"' is "
                     "missing)", opened_line);
            return CSV_ERROR;
        }
        char c = reader->text[reader->position];
        if (c == '"' && reader->position + 1 < reader->length &&
            reader->text[reader->position + 1] == '"') {
            reader->position += 2; /* "" stands for one quote */
        } else if (c == '"') {
            reader->position++;
            break;
        } else if (c == '\n' || c == '\r') {
            take_line_break(reader); /* kept as LF: the line count stays right */
            c = '\n';
        } else {
            reader->position++;
        }
        if (put_char(reader, c) != 0)
            return out_of_memory(err, err_size);
    }
    if (!at_end(reader) && peek(reader) != ',' && !at_line_break(reader)) {
        snprintf(err, err_size, "line %ld: text after a quoted field's closing quote (quote "
                 "the whole field and double the quotes inside it)", reader->line);
        return CSV_ERROR;
    }
    return CSV_RECORD;
}

/* Points fields at each field's text, now that the buffer no longer moves. */
static csv_status collect_fields(csv_reader *reader, char *err, size_t err_size)
{
    char **fields = grow(reader->fields, &reader->field_capacity, reader->field_count,
                         sizeof *fields);
    if (fields == NULL)
        return out_of_memory(err, err_size);
    reader->fields = fields;
    for (size_t i = 0; i < reader->field_count; i++)
        reader->fields[i] = reader->buffer + reader->offsets[i];
    return CSV_RECORD;
}

csv_status csv_reader_next(csv_reader *reader, char *err, size_t err_size)
{
    while (take_line_break(reader))
        ;
    if (at_end(reader))
        return CSV_END;
    reader->record_line = reader->line;
    reader->field_count = 0;
    reader->buffer_used = 0;
    for (;;) {
        if (start_field(reader) != 0)
            return out_of_memory(err, err_size);
        csv_status status = peek(reader) == '"' ? read_quoted_field(reader, err, err_size)
                                                : read_plain_field(reader, err, err_size);
        if (status != CSV_RECORD)
            return status;
        if (put_char(reader, '\0') != 0)
            return out_of_memory(err, err_size);
        if (peek(reader) != ',' || at_end(reader))
            break;
        reader->position++;
    }
    take_line_break(reader);
    return collect_fields(reader, err, err_size);
}

void csv_write_figure(FILE *out, double value)
{
    if (!isnan(value))
        fprintf(out, "%.9g", value);
}

void csv_write_size(FILE *out, long n)
{
    if (n >= 0)
        fprintf(out, "%ld", n);
}

void csv_field(FILE *out, const char *value)
{
    if (strpbrk(value, ",\"\r\n") == NULL) {
        fputs(value, out);
        return;
    }
    fputc('"', out);
    for (const char *p = value; *p != '\0'; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

void csv_write_figures(FILE *out, const char *metric, const char *unit,
                               const summary *figures, long loops)
{
    const summary *s = figures;
    fputc(',', out);
    csv_field(out, metric);
    fputc(',', out);
    csv_field(out, unit);
    fprintf(out, ",%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%zu,%ld,%.9g,%.9g\n", s->median, s->mean,
            s->stddev, s->cv, s->min, s->max, s->count, loops, s->ci_low, s->ci_high);
}

void csv_write_fit(FILE *out, const csv_fit_key *key, size_t sizes, const complexity_fit *fit)
{
    const char *fields[] = {key->python_version, key->family, key->case_name, key->metric,
                            key->unit};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        if (i > 0)
            fputc(',', out);
        csv_field(out, fields[i]);
    }
    fprintf(out, ",%zu,%s,%.9g", sizes, complexity_curve_name(fit->best),
            fit->coefficient[fit->best]);
    for (int curve = 0; curve < CURVE_COUNT; curve++)
        fprintf(out, ",%.9g", fit->rms[curve]);
    fputc('\n', out);
}

void csv_write_key(FILE *out, const char *python_version, const char *family,
                   const char *case_name, long n)
{
    csv_field(out, python_version);
    fputc(',', out);
    csv_field(out, family);
    fputc(',', out);
    csv_field(out, case_name);
    fputc(',', out);
    csv_write_size(out, n);
}
