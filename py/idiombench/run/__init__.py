"""idiombench.run: shared reading and writing of run folders, and plumbing (paths, interrupts)."""
