"""idiombench.measure: the measuring programs: bench (make bench), its instructions pass, interpreters, hyperfine_run and peak_rss."""
