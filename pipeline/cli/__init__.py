"""The command line: options in, library calls out, one line and an exit code for every outcome."""
