/* catalogue.h: the cases to run, loaded from bench/<family>.py files (plain data). */
#ifndef IDIOMBENCH_CATALOGUE_H
#define IDIOMBENCH_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

/* Each instrument's place in instrument_list.def, and its bit in case_def.instruments:
 * INSTRUMENT_TIME, INSTRUMENT_ALLOCS, INSTRUMENT_MEMORY and INSTRUMENT_RESOURCES (opt-in:
 * not in the default set), INSTRUMENT_INSTRUCTIONS (run-level: every case, when
 * --instruments names it, as bin/count-instructions does). */
enum {
#define INSTRUMENT(ID, name, pass_name) INSTRUMENT_INDEX_##ID,
#include "instrument_list.def"
#undef INSTRUMENT
    INSTRUMENT_COUNT
};
enum {
#define INSTRUMENT(ID, name, pass_name) INSTRUMENT_##ID = 1 << INSTRUMENT_INDEX_##ID,
#include "instrument_list.def"
#undef INSTRUMENT
    INSTRUMENT_LAST = 1 << (INSTRUMENT_COUNT - 1),
};

typedef struct case_def {
    char *family;
    char *name;
    char *setup;      /* runs before every timed loop (see README); "" for none */
    char *stmt;       /* the idiom: runs once per operation */
    long *sizes;      /* values of n the case scales over; NULL when it does not */
    size_t size_count;
    unsigned instruments; /* INSTRUMENT_* bits */
    bool gc_enabled;  /* keep the collector running while measuring */
    bool module_scope; /* run at module level (globals) instead of in a function */
    char *source;     /* the catalogue file that declared it */
    char *teardown;   /* runs once after every pass, in a fresh namespace; "" for none */
    int min_python_major; /* the oldest Python the case runs on; 0: every one */
    int min_python_minor;
    char *min_python_needs; /* what needs that Python ("f-strings"); NULL: nothing */
} case_def;

/* Behaviour to record, not to time: code run once in a fresh namespace that sets
 * `result`; its repr is the observation (the claims report decides from it). */
typedef struct observation_def {
    char *family;
    char *name;
    char *code;
    char *source; /* the catalogue file that declared it */
} observation_def;

typedef struct catalogue {
    case_def *cases;
    size_t count;
    observation_def *observations; /* from each file's optional OBSERVATIONS list */
    size_t observation_count;
} catalogue;

/* The time limit of importing one catalogue file, in seconds, for catalogue_load. */
#define CATALOGUE_TIMEOUT_S 120

/* Loads every case from path: a .py file, or a folder whose *.py files (not starting
 * with "_") are read in name order. Needs a running interpreter. Each file runs in a
 * child process (trial.h), which sends its cases back (catalogue_wire.h): one that
 * exits, crashes or hangs the process while being imported (more than timeout_s
 * seconds) is reported, and no catalogue code runs in this process. Returns 0, or -1
 * with one line naming the file (and line) at fault and the fix in err. */
int catalogue_load_within(const char *path, int timeout_s, catalogue *out, char *err,
                          size_t err_size);

/* catalogue_load_within with a limit of CATALOGUE_TIMEOUT_S. */
int catalogue_load(const char *path, catalogue *out, char *err, size_t err_size);

void catalogue_free(catalogue *cat);

/* Frees one case's or observation's fields (not the struct) and zeroes it. */
void catalogue_case_free(case_def *c);
void catalogue_observation_free(observation_def *o);

/* Appends a copy of the struct (its fields now owned by cat). Returns 0, or -1 (out of
 * memory: the fields are still the caller's). */
int catalogue_append_case(catalogue *cat, const case_def *c);
int catalogue_append_observation(catalogue *cat, const observation_def *o);

/* The line (from 1) of c->source where the case is named (name="..." or "name": "...");
 * 0 when the file builds the name otherwise or cannot be read. */
long catalogue_case_line(const case_def *c);

/* Names of the instruments, for --list and the results. */
const char *catalogue_instrument_name(unsigned instrument);

/* The INSTRUMENT_* bits of a comma-separated list of names ("time,allocs"). Returns 0,
 * or -1 with one line naming the unknown name and the known ones in err. */
int catalogue_parse_instruments(const char *list, unsigned *bits, char *err,
                                size_t err_size);

#endif
