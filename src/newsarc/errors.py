"""Errors newsarc reports to people: one line saying what and where, plus an optional hint.

The CLI turns every `NewsarcError` into that line on stderr and exit status 2; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations


class NewsarcError(Exception):
    """An error caused by input, the archive or the environment, never by a bug."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(NewsarcError):
    """An input file or record cannot be read as an article."""


class QueryError(NewsarcError):
    """A search query or filter cannot be understood."""


class ArchiveError(NewsarcError):
    """The archive is missing, unreadable, locked or inconsistent."""


class ParallelIndexError(ArchiveError):
    """The parallel index writer could not index every document; the index is unchanged."""

    def __init__(self, message: str) -> None:
        super().__init__(
            f"indexing in parallel failed: {message}", hint="the index is unchanged; try again"
        )


class IndexUnavailable(ArchiveError):
    """The index cannot be reached now (a shard server is down): corpus/ can still be
    written, and the articles indexed once it is back."""


class ArchiveBusy(ArchiveError):
    """Another process holds the archive's writer lock."""


class ArticleNotFound(NewsarcError):
    """No article has the requested id."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM, SIGHUP: `signum`) stopped a command; `message` says what was
    saved before it stopped."""

    def __init__(self, message: str, signum: int = 2) -> None:  # 2: SIGINT
        if signum != 2 and message.startswith("interrupted"):
            import signal

            name = signal.Signals(signum).name
            message = f"stopped by {name}" + message.removeprefix("interrupted")
        super().__init__(message)
        self.message = message
        self.signum = signum

    def __str__(self) -> str:
        return self.message
