/* catalogue_wire.h: cases and observations as bytes, so that a catalogue read in a child
 * process (catalogue.c) reaches its parent without the parent running the file. */
#ifndef IDIOMBENCH_CATALOGUE_WIRE_H
#define IDIOMBENCH_CATALOGUE_WIRE_H

#include <stddef.h>

#include "catalogue.h"

/* The cases of cat from first_case on and its observations from first_observation on,
 * as a malloc'd buffer in *data (*length bytes). Returns 0, or -1 (out of memory). */
int catalogue_wire_encode(const catalogue *cat, size_t first_case, size_t first_observation,
                          char **data, size_t *length);

/* Appends the cases and observations encoded in data to cat. Returns 0, or -1 when the
 * bytes are cut or malformed, or memory runs out: cat then holds what came before. */
int catalogue_wire_decode(const char *data, size_t length, catalogue *cat);

#endif
