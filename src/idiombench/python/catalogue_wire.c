/* catalogue_wire.c: a catalogue's cases and observations to bytes and back. Each record
 * is a tag ('C' case, 'O' observation) and its fields in order: numbers as 8 bytes,
 * strings as their length (8 bytes, all ones for NULL) and their bytes. Both ends are
 * the same program on the same machine, so numbers keep its byte order. */
#include "catalogue_wire.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NO_STRING UINT64_MAX

typedef struct writer {
    char *data;
    size_t length, capacity;
    bool failed;
} writer;

static void put_bytes(writer *w, const void *bytes, size_t count)
{
    if (w->failed)
        return;
    if (w->length + count > w->capacity) {
        size_t capacity = (w->length + count) * 2 + 256;
        char *grown = realloc(w->data, capacity);
        if (grown == NULL) {
            w->failed = true;
            return;
        }
        w->data = grown;
        w->capacity = capacity;
    }
    memcpy(w->data + w->length, bytes, count);
    w->length += count;
}

static void put_number(writer *w, int64_t value)
{
    put_bytes(w, &value, sizeof value);
}

static void put_string(writer *w, const char *text)
{
    uint64_t length = text != NULL ? strlen(text) : NO_STRING;
    put_bytes(w, &length, sizeof length);
    if (text != NULL)
        put_bytes(w, text, (size_t)length);
}

/* A record's tag, then its first `count` fields: strings. */
static void put_head(writer *w, char tag, const char *const *texts, size_t count)
{
    put_bytes(w, &tag, 1);
    for (size_t i = 0; i < count; i++)
        put_string(w, texts[i]);
}

static void put_case(writer *w, const case_def *c)
{
    const char *head[] = {c->family, c->name, c->setup, c->stmt};
    put_head(w, 'C', head, sizeof head / sizeof *head);
    put_number(w, (int64_t)c->size_count);
    for (size_t i = 0; i < c->size_count; i++)
        put_number(w, c->sizes[i]);
    put_number(w, c->instruments);
    put_number(w, c->gc_enabled);
    put_number(w, c->module_scope);
    put_string(w, c->source);
    put_string(w, c->teardown);
    put_number(w, c->min_python_major);
    put_number(w, c->min_python_minor);
    put_string(w, c->min_python_needs);
}

static void put_observation(writer *w, const observation_def *o)
{
    const char *head[] = {o->family, o->name, o->code, o->source};
    put_head(w, 'O', head, sizeof head / sizeof *head);
}

int catalogue_wire_encode(const catalogue *cat, size_t first_case, size_t first_observation,
                          char **data, size_t *length)
{
    writer w = {0};
    for (size_t i = first_case; i < cat->count; i++)
        put_case(&w, &cat->cases[i]);
    for (size_t i = first_observation; i < cat->observation_count; i++)
        put_observation(&w, &cat->observations[i]);
    if (w.failed) {
        free(w.data);
        return -1;
    }
    *data = w.data;
    *length = w.length;
    return 0;
}

typedef struct reader {
    const char *at, *end;
    bool failed;
} reader;

static void take_bytes(reader *r, void *out, size_t count)
{
    if (r->failed || (size_t)(r->end - r->at) < count) {
        r->failed = true;
        memset(out, 0, count);
        return;
    }
    memcpy(out, r->at, count);
    r->at += count;
}

static int64_t take_number(reader *r)
{
    int64_t value;
    take_bytes(r, &value, sizeof value);
    return value;
}

/* A malloc'd string, or NULL (for NULL, or with r->failed set). */
static char *take_string(reader *r)
{
    uint64_t length;
    take_bytes(r, &length, sizeof length);
    if (r->failed || length == NO_STRING)
        return NULL;
    char *text = (size_t)(r->end - r->at) >= length ? malloc((size_t)length + 1) : NULL;
    if (text == NULL) {
        r->failed = true;
        return NULL;
    }
    take_bytes(r, text, (size_t)length);
    text[length] = '\0';
    return text;
}

/* The string a field must hold: r->failed when it is NULL. */
static char *take_required(reader *r)
{
    char *text = take_string(r);
    r->failed = r->failed || text == NULL;
    return text;
}

static void take_sizes(reader *r, case_def *c)
{
    int64_t count = take_number(r);
    if (r->failed || count == 0)
        return;
    if (count < 0 || (uint64_t)count > (uint64_t)(r->end - r->at) / sizeof(int64_t) ||
        (c->sizes = calloc((size_t)count, sizeof *c->sizes)) == NULL) {
        r->failed = true;
        return;
    }
    c->size_count = (size_t)count;
    for (size_t i = 0; i < c->size_count; i++)
        c->sizes[i] = (long)take_number(r);
}

/* A record's first `count` fields, strings it must hold, into *fields[0 .. count). */
static void take_head(reader *r, char **const *fields, size_t count)
{
    for (size_t i = 0; i < count; i++)
        *fields[i] = take_required(r);
}

static void take_case(reader *r, case_def *c)
{
    memset(c, 0, sizeof *c);
    char **const head[] = {&c->family, &c->name, &c->setup, &c->stmt};
    take_head(r, head, sizeof head / sizeof *head);
    take_sizes(r, c);
    c->instruments = (unsigned)take_number(r);
    c->gc_enabled = take_number(r) != 0;
    c->module_scope = take_number(r) != 0;
    c->source = take_required(r);
    c->teardown = take_required(r);
    c->min_python_major = (int)take_number(r);
    c->min_python_minor = (int)take_number(r);
    c->min_python_needs = take_string(r);
}

static void take_observation(reader *r, observation_def *o)
{
    memset(o, 0, sizeof *o);
    char **const head[] = {&o->family, &o->name, &o->code, &o->source};
    take_head(r, head, sizeof head / sizeof *head);
}

int catalogue_wire_decode(const char *data, size_t length, catalogue *cat)
{
    reader r = {data, data + length, false};
    while (!r.failed && r.at < r.end) {
        char tag = *r.at++;
        if (tag == 'C') {
            case_def c;
            take_case(&r, &c);
            if (r.failed || catalogue_append_case(cat, &c) != 0) {
                catalogue_case_free(&c);
                r.failed = true;
            }
        } else if (tag == 'O') {
            observation_def o;
            take_observation(&r, &o);
            if (r.failed || catalogue_append_observation(cat, &o) != 0) {
                catalogue_observation_free(&o);
                r.failed = true;
            }
        } else {
            r.failed = true;
        }
    }
    return r.failed ? -1 : 0;
}
