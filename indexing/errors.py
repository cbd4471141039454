"""Errors whose messages are written for the person at the keyboard.

The CLI and the chat print ``str(error)`` as it is, so every message names the file or
setting concerned and the reason, and suggests what to do where there is something to do.
"""

from __future__ import annotations


class ResultsQAError(Exception):
    """Base class: anything raised on purpose by resultsqa."""


class BadReportError(ResultsQAError):
    """A file that cannot be read as a report; the rest of a batch goes on."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class StoreError(ResultsQAError):
    """The index cannot be opened, read or written."""


class UsageError(ResultsQAError):
    """The command was asked for something it cannot do as asked."""
