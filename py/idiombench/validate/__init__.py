"""idiombench.validate: make validate, the harness's figures checked against timeit,
tracemalloc and callgrind."""
