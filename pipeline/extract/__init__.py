"""Per-article extraction, pure and without I/O: one annotated article's context in, its typed fact rows
out (visits, documents, trade, events, and diagnostics of what was not understood)."""
