"""Reading input: list files, decode bytes, split formats and headers, detect the language."""
