/* csv.h: RFC 4180 CSV as both programs read and write it: a reader, one record at a
 * time, and the writers of a field, a figure, a size, a measurements row's figures and a
 * complexity row.
 *
 *   csv_reader reader;
 *   csv_reader_init(&reader, text, length);
 *   while ((status = csv_reader_next(&reader, err, sizeof err)) == CSV_RECORD)
 *       ... reader.fields[0 .. reader.field_count), reader.record_line ...
 *   csv_reader_free(&reader);
 *
 * Fields are separated by commas and records by LF, CRLF or CR. A field in double
 * quotes may hold commas, line breaks and doubled quotes (""). Empty lines between
 * records are skipped; a UTF-8 byte order mark at the start is ignored. */
#ifndef IDIOMBENCH_CSV_H
#define IDIOMBENCH_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "complexity.h"
#include "stats.h"

typedef enum csv_status {
    CSV_RECORD, /* a record was read into fields */
    CSV_END,    /* no more records */
    CSV_ERROR,  /* malformed text or no memory: err says which, and where */
} csv_status;

typedef struct csv_reader {
    const char *text;
    size_t length;
    size_t position;    /* next byte to read */
    long line;          /* line of the next byte, from 1 */
    long record_line;   /* line where the last record read starts */
    char **fields;      /* the last record's fields, valid until the next call */
    size_t field_count;
    size_t field_capacity;
    char *buffer;       /* the fields' text, each ending with '\0' */
    size_t buffer_used;
    size_t buffer_capacity;
    size_t *offsets;    /* where each field starts in buffer */
    size_t offset_capacity;
} csv_reader;

/* Starts reading text (length bytes, not necessarily '\0'-terminated; it must outlive
 * the reader). */
void csv_reader_init(csv_reader *reader, const char *text, size_t length);

/* Reads the next record. On CSV_ERROR err holds "line N: cause" (no file name) and the
 * reader should not be read further. */
csv_status csv_reader_next(csv_reader *reader, char *err, size_t err_size);

/* Releases the reader's buffers (not the text). */
void csv_reader_free(csv_reader *reader);

/* Writes a figure as the harness does (%.9g); nothing (an empty field) for NAN. */
void csv_write_figure(FILE *out, double value);

/* Writes a size n; nothing (an empty field) for a case that does not scale (n < 0). */
void csv_write_size(FILE *out, long n);

/* Writes one CSV field, quoted when it holds a comma, quote or line break. */
void csv_field(FILE *out, const char *value);

/* Writes the key columns that begin measurements, samples and failures rows:
 * python_version,family,case,n (n empty for a case that does not scale, n < 0). */
void csv_write_key(FILE *out, const char *python_version, const char *family,
                   const char *case_name, long n);

/* Writes a measurements.csv row's figures from its metric on, line break included:
 * metric,unit,median,mean,stddev,cv,min,max,repetitions,loops,ci_low,ci_high (figures
 * as %.9g). */
void csv_write_figures(FILE *out, const char *metric, const char *unit,
                       const summary *figures, long loops);

/* What a complexity.csv row is about: its first five fields. */
typedef struct csv_fit_key {
    const char *python_version;
    const char *family;
    const char *case_name;
    const char *metric;
    const char *unit;
} csv_fit_key;

/* Writes a complexity.csv row (COMPLEXITY_COLUMNS), line break included: the key, the
 * number of sizes fitted, the best curve, its coefficient and every curve's rms. */
void csv_write_fit(FILE *out, const csv_fit_key *key, size_t sizes, const complexity_fit *fit);

#endif
