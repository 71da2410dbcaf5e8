"""``make bench``: khuyencong against the naive way and the floor (``benchmarks.bench``)."""
