"""How many processes an engine indexes in (NEWSARC_INDEX_PROCS), for any engine that
can index in forked processes. No engine imported here."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterator

from newsarc.errors import NewsarcError

PROCS_VARIABLE = "NEWSARC_INDEX_PROCS"
DEFAULT_PROCS = 2  # measured on 2 cores (bench/): the reading process keeps some of the CPU busy


def can_write_in_parallel() -> bool:
    # fork: the children inherit the schema and analyzer, nothing is pickled or re-imported.
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def indexing_procs(environ: dict[str, str] | None = None) -> int:
    """How many processes a large `add` or `reindex` indexes in: 1 means this one."""
    value = (os.environ if environ is None else environ).get(PROCS_VARIABLE, "").strip()
    if value:
        if not value.isdigit() or not 1 <= int(value) <= 64:
            raise NewsarcError(
                f"{PROCS_VARIABLE} must be a number of processes from 1 to 64, not {value!r}"
            )
        procs = int(value)
    else:
        procs = DEFAULT_PROCS
    return procs if procs > 1 and can_write_in_parallel() else 1


# -- signals around an indexing child ------------------------------------------------------
# The parent takes SIGTERM and SIGHUP as Ctrl-C (newsarc.signals) and ends its children with
# SIGTERM; a child that ran the parent's handler would die with a traceback instead. So they
# are held back while forking, and a child sets its own before it lets them in.
HELD_SIGNALS = (
    {signal.SIGTERM, signal.SIGHUP} if hasattr(signal, "pthread_sigmask") else set()
)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Fork inside this: SIGTERM and SIGHUP wait until the children have their handlers."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS) if HELD_SIGNALS else None
    try:
        yield
    finally:
        if held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


def become_indexing_child() -> None:
    """In a child forked inside signals_held(): Ctrl-C and a hang-up are the parent's to
    handle (they reach the whole process group), SIGTERM ends this process at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if HELD_SIGNALS:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)
