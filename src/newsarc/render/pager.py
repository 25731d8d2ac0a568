"""A long output paged on a terminal, as it is printed.

`show` of a 4 MB article is 25,000 lines: rendered whole before the pager starts, the
first screen waited for all of them (0.3 s, 0.6 s when emulating right-to-left). Here the
console writes into a `PagerFeed`, which holds the output back until it is longer than a
screen, then starts the pager and streams to it: the first screen is there after its own
lines, the rest follows while the reader reads, and quitting the pager stops the printing.
An output that fits on the screen goes to the terminal as it is, without a pager.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import signal
import subprocess
from collections.abc import Iterator, Mapping
from typing import IO

from rich.console import Console


def pager_command(environ: Mapping[str, str] = os.environ) -> list[str] | None:
    """$NEWSARC_PAGER, else $PAGER, else less; None when paging is switched off (empty or cat)."""
    command = environ.get("NEWSARC_PAGER")
    if command is None:
        command = environ.get("PAGER", "less")
    try:
        argv = shlex.split(command)
    except ValueError:
        return None
    if not argv or argv == ["cat"]:
        return None
    if os.path.basename(argv[0]) == "less" and "-R" not in argv:
        argv.append("-R")  # colours and highlights through, as escape codes
    return argv


class PagerClosed(Exception):
    """The reader quit the pager before the output ended. (Not a BrokenPipeError: rich
    takes that for its own stdout closed.)"""


class PagerFeed(io.TextIOBase):
    """What a console writes for the terminal: held back until it is `height` - 1 lines or
    more (or from the start when `always`), then streamed to the pager `argv`. Without a
    pager to run (None, or it cannot start) it goes to `terminal` itself."""

    def __init__(
        self, terminal: IO[str], height: int, argv: list[str] | None, always: bool = False
    ) -> None:
        self.terminal = terminal
        self.height = height
        self.argv = argv
        self.always = always
        self.held: list[str] = []
        self.lines = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.direct = argv is None  # no pager: straight to the terminal
        self._sigint: object = None
        self.closed_by_reader = False

    def isatty(self) -> bool:
        return True  # the terminal, through the pager: rich keeps its colours and width

    def fileno(self) -> int:
        return self.terminal.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.closed_by_reader:
            raise PagerClosed
        if self.direct:
            self.terminal.write(text)
        elif self.process is not None:
            self._send(text)
        else:
            self.held.append(text)
            self.lines += text.count("\n")
            if self.always or self.lines >= self.height - 1:
                self._start()
        return len(text)

    def flush(self) -> None:
        if self.direct:
            self.terminal.flush()
        elif self.process is not None and self.process.stdin is not None:
            try:
                self.process.stdin.flush()
            except BrokenPipeError:
                self._quit()

    def _start(self) -> None:
        assert self.argv is not None
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")  # as git: quit if one screen, keep colours, leave it
        env.setdefault("LV", "-c")
        try:
            self.process = subprocess.Popen(self.argv, stdin=subprocess.PIPE, env=env)
        except OSError:  # no such pager: the terminal itself
            self.direct = True
            self._release(to_terminal=True)
            return
        # Ctrl-C belongs to the pager while it runs (less uses it to stop a search).
        self._sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
        self._send(self._release())

    def _send(self, text: str) -> None:
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(text.encode("utf-8"))
        except BrokenPipeError:
            self._quit()

    def _release(self, to_terminal: bool = False) -> str:
        """What was held back, no longer held; written to the terminal if `to_terminal`."""
        held, self.held = "".join(self.held), []
        if to_terminal and held:
            self.terminal.write(held)
        return held

    def _quit(self) -> None:
        self.closed_by_reader = True
        raise PagerClosed  # stops the printing (see `paged`)

    def finish(self, complete: bool = True) -> None:
        """The end of the output: what is held goes to the terminal (it fits on the screen)
        unless the output is not `complete` (an interrupt); a running pager gets the end of
        its input and is waited for."""
        if self.process is None:
            self._release(to_terminal=complete)
            self.terminal.flush()
            return
        try:
            assert self.process.stdin is not None
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()
            self.process.wait()
        finally:
            signal.signal(signal.SIGINT, self._sigint)  # type: ignore[arg-type]


@contextlib.contextmanager
def paged(console: Console, always: bool = False) -> Iterator[PagerFeed]:
    """What `console` prints inside goes through a `PagerFeed` (see above) to the pager
    `pager_command` names, or to the terminal. The reader quitting the pager ends the
    printing quietly, as a pipe closed by its reader does."""
    terminal = console.file
    feed = PagerFeed(terminal, console.height, pager_command(), always)
    console.file = feed  # type: ignore[assignment]  # (a TextIOBase: rich's IO[str])
    complete = False
    try:
        yield feed
        complete = True
    except PagerClosed:
        console.quiet = True  # what rich still holds is for nobody
    finally:
        console.file = terminal
        feed.finish(complete)
