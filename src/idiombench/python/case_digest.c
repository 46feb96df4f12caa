/* case_digest.c: FNV-1a 64 over a case's fields, each ended by a NUL byte. */
#include "case_digest.h"

#include <stdio.h>
#include <string.h>

#define FNV_OFFSET_BASIS 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t mix_bytes(uint64_t hash, const char *bytes, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        hash ^= (unsigned char)bytes[i];
        hash *= FNV_PRIME;
    }
    return hash;
}

/* A field and its terminating NUL, so that ("ab", "c") and ("a", "bc") differ. NULL
 * counts as "". */
static uint64_t mix_text(uint64_t hash, const char *text)
{
    if (text == NULL)
        text = "";
    return mix_bytes(hash, text, strlen(text) + 1);
}

static uint64_t mix_long(uint64_t hash, long value)
{
    char text[32];
    snprintf(text, sizeof text, "%ld", value);
    return mix_text(hash, text);
}

uint64_t case_digest_of(const case_def *c)
{
    uint64_t hash = FNV_OFFSET_BASIS;
    hash = mix_text(hash, c->family);
    hash = mix_text(hash, c->name);
    hash = mix_text(hash, c->setup);
    hash = mix_text(hash, c->stmt);
    hash = mix_text(hash, c->teardown);
    hash = mix_long(hash, (long)c->size_count);
    for (size_t i = 0; i < c->size_count; i++)
        hash = mix_long(hash, c->sizes[i]);
    hash = mix_long(hash, c->gc_enabled);
    hash = mix_long(hash, c->module_scope);
    hash = mix_long(hash, c->min_python_major);
    hash = mix_long(hash, c->min_python_minor);
    return hash;
}

void case_digest_text(const case_def *c, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)case_digest_of(c));
}
