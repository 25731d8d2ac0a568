"""How many processes an engine indexes in (NEWSARC_INDEX_PROCS), for any engine that
can index in forked processes. No engine imported here."""

from __future__ import annotations

import multiprocessing
import os

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
