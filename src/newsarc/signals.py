"""Stopping a writer: Ctrl-C, SIGTERM and SIGHUP all end an `add` or `reindex` cleanly.

`kill PID`, a service manager's stop and a closed terminal are taken as Ctrl-C is: the
signal raises KeyboardInterrupt (`Stopped`, for the signals other than SIGINT) between
articles, never while a corpus file and its index entry are written, so that what was
done can be committed and reported. The exit status says which signal it was (128 + its
number: 130, 143, 129), as a shell does.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

# SIGHUP does not exist on Windows.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Stopped(KeyboardInterrupt):
    """A stop signal other than SIGINT, raised where Ctrl-C would raise KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal_name(signum))
        self.signum = signum


def signal_name(signum: int) -> str:
    return signal.Signals(signum).name


def signal_of(exc: BaseException) -> int:
    """The signal that stopped a command: SIGINT unless a `Stopped` (or what it became) says."""
    return int(getattr(exc, "signum", signal.SIGINT))


def exit_status(exc: BaseException) -> int:
    return 128 + signal_of(exc)


def _interrupt(signum: int) -> KeyboardInterrupt:
    return KeyboardInterrupt() if signum == signal.SIGINT else Stopped(signum)


class InterruptGuard:
    """Defers a stop signal while a corpus file and its index entry are written, or the
    index is committed, so that it lands between articles. Elsewhere (reading input, which
    may block on stdin) it interrupts at once. Only in the main thread; a no-op elsewhere.
    A signal ignored when the guard starts (`nohup`) stays ignored."""

    def __init__(self) -> None:
        self.depth = 0
        self.pending: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> InterruptGuard:
        if threading.current_thread() is threading.main_thread():
            for signum in STOP_SIGNALS:
                try:
                    if signal.getsignal(signum) is signal.SIG_IGN:
                        continue
                    self._previous[signum] = signal.signal(signum, self._on_signal)
                except (ValueError, OSError):
                    pass
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, previous in self._previous.items():
            # (None: a handler not set from Python; Python's own is the best guess)
            if previous is None:
                previous = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
            signal.signal(signum, previous)
        self._previous = {}

    def _on_signal(self, signum: int, frame: object) -> None:
        if self.depth:
            self.pending = signum
        else:
            raise _interrupt(signum)

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def raise_if_pending(self) -> None:
        if self.pending is not None:
            signum, self.pending = self.pending, None
            raise _interrupt(signum)
