"""Exceptions raised by the document readers."""
from __future__ import annotations


class SkipFile(Exception):
    """The file cannot be read; `reason` says why in words a user can act on.

    The indexer logs the reason and continues with the next file, so readers
    raise this (and only this) for bad input instead of crashing the run.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
