"""idiombench: the Python glue of the suite; its programs are the thin entry points in bin/.

    run       run folders read and written (schema: their definition, docs/run-folder.csv;
              table: the one CSV reader), labels, meta, interrupts, paths, fit labels,
              errors (exit statuses, say, warn), harness (its cases), stats (quartiles)
    measure   make bench (bench, instructions_pass), interpreters, hyperfine_run, peak_rss
    compare   make compare: several CPythons into one run folder (main, merge)
    plots     make plots: the charts of a run, rendered by gnuplot
    report    make report: REPORT.md of a run
    claims    make claims: the article's claims decided on a run (main, run, vocabulary, rules/)
    validate  make validate: the harness's figures against timeit, tracemalloc and callgrind
    export    make pyperf: a run as pyperf JSON, one file per interpreter (main, pyperf)
    merge     make merge: run folders of several hosts or times folded into one (main, sources)
"""
