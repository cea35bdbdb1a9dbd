"""Drive a run: batches, engines, the cache, progress."""
