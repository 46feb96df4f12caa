"""idiombench.run: shared reading and writing of run folders, and plumbing (paths, interrupts,
errors and exit statuses, the harness's case listing, the samples' statistics)."""
