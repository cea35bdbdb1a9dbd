"""Language knowledge and the spaCy pipeline: places, dates, money, titles, the rule loader (no I/O)."""
