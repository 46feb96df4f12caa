"""idiombench.measure: the measuring programs: bench (make bench) and its instructions
pass, interpreters (which CPythons make compare runs), hyperfine_run and peak_rss."""
