"""py/idiombench/export/: a run folder in the formats other tools read (pyperf.py: pyperf's
JSON, one file per interpreter)."""
