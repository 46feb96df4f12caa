"""idiombench.compare: make compare, the catalogue under several CPythons into one run folder."""
