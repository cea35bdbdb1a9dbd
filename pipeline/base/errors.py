"""Errors the command line turns into one line on stderr and an exit code, never a traceback."""
from __future__ import annotations


class UsageError(Exception):
    """A mistake of the user (a bad option, path or address): one line, exit 2, nothing published."""
