"""make merge: run folders from several machines or times folded into one (main, sources)."""
