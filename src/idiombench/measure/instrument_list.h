/* instrument_list.h: the instruments, in the order a case's passes run (and its rows are
 * written). Adding an instrument is its file, instrument_<name>.c defining `const
 * instrument instrument_<name>` (instrument.h), and one line here; the INSTRUMENT_<ID>
 * bit (catalogue.h), the STAGE_<ID> pass (stage.h) and the table (instruments.c) are
 * made from this list. Each line: INSTRUMENT(ID, name, what the stage board calls the
 * pass). No include guard: each includer defines INSTRUMENT, includes this file, and
 * undefines it. */
INSTRUMENT(TIME, time, "time pass")
INSTRUMENT(ALLOCS, allocs, "allocation pass")
INSTRUMENT(MEMORY, memory, "memory pass")
INSTRUMENT(RESOURCES, resources, "resources pass")
INSTRUMENT(INSTRUCTIONS, instructions, "instructions pass")
