/* observe.h: runs a catalogue's observations: behaviour recorded, not timed. */
#ifndef IDIOMBENCH_OBSERVE_H
#define IDIOMBENCH_OBSERVE_H

#include "catalogue.h"

/* Runs o's code once in a fresh namespace (with the collector as it is). On success
 * returns 0 with *value = repr(result) and *error = NULL; when the code raises (an
 * observation in itself, e.g. weakref.ref([]) raising TypeError) or sets no `result`,
 * returns 0 with *value = NULL and *error = "Type: message". Both malloc'd.
 * Returns -1 only when memory runs out. */
int observe_run(const observation_def *o, char **value, char **error);

#endif
