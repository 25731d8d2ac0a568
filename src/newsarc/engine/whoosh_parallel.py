"""Building the index in several processes: Whoosh's multisegment MpWriter, made safe.

Analysis is pure Python and takes most of the time of building an index, so a large
`add` or a `reindex` indexes in PARALLEL_PROCS processes, each writing its own segment
(`MpWriter(multisegment=True)`: their postings are not merged again at the end).

Whoosh's MpWriter can lose documents silently: a child that dies leaves no result and
commit goes on without it; with the job queue full the parent then blocks for ever; and
cancel() leaves the children running. ParallelWriter keeps its design and closes those
holes: the children are forked up front and daemonic, every wait has a timeout and checks
that they are alive, and commit refuses (ParallelIndexError, the index left as it was)
unless every child returned a segment and together they hold every document submitted.
A child whose parent dies (kill -9) leaves at once, whatever it is doing — indexing a
queued job, finishing its segment — and with it the writer lock it inherited: the kernel
kills it (PR_SET_PDEATHSIG on Linux), and elsewhere a thread in it sees the end of a pipe
only the parent writes to.

NEWSARC_INDEX_PROCS sets the number of indexing processes (1: index in the process that
reads, as a small `add` always does).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
from multiprocessing.context import ForkProcess
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from newsarc.engine.procs import (
    DEFAULT_PROCS,
    become_indexing_child,
    can_write_in_parallel,
    indexing_procs,
    signals_held,
)
from newsarc.errors import ParallelIndexError

__all__ = [
    "DEFAULT_PROCS",
    "ParallelIndexError",
    "ParallelWriter",
    "can_write_in_parallel",
    "indexing_procs",
]
_POLL_SECONDS = 0.5


class ForkedSubWriterTask(SubWriterTask):
    # Always forked, whatever multiprocessing's default start method (spawn on macOS, and
    # forkserver from Python 3.14 on Linux, would pickle this object).
    _start_method = "fork"
    _Popen = staticmethod(ForkProcess._Popen)
    parent_pid = 0
    lifeline = -1  # the read end of a pipe only the parent holds open for writing
    lifeline_writer = -1  # its write end: closed in the child

    def run(self) -> None:
        # As SubWriterTask.run with multisegment, but waiting for work in short polls: a
        # child of a parent killed with -9 would otherwise wait on the queue for ever.
        # Ctrl-C and a hang-up reach the whole process group: the parent cancels (and
        # terminates the children); a child must not die on its own with a traceback.
        # SIGTERM is how cancel() ends a child: the parent's handler must not run here.
        become_indexing_child()  # born with SIGTERM/SIGHUP held (see ParallelWriter.__init__)
        parent = self.parent_pid  # (not getppid() here: the parent may be dead already)
        _leave_with_parent(parent, self.lifeline, self.lifeline_writer)
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = SegmentWriter(ix, _lk=False, **self.kwargs)
        while True:
            try:
                job = self.jobqueue.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if os.getppid() != parent:
                    # Orphaned: nobody will commit this segment. Leave as a kill -9 of the
                    # parent alone would have (the next writer ignores uncommitted files).
                    os._exit(1)
                continue
            if job is None:
                break
            self._process_file(*job)
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        self.resultqueue.put((None, fieldnames, segment), timeout=5)


def _leave_with_parent(parent: int, lifeline: int, lifeline_writer: int) -> None:
    """End this process as soon as `parent` dies, even in the middle of a job."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if lifeline_writer >= 0:
        os.close(lifeline_writer)  # the parent's end: only the parent may keep it open
    if os.getppid() != parent:  # died before the death signal was asked for
        os._exit(1)
    if lifeline >= 0:

        def watch() -> None:
            try:
                os.read(lifeline, 1)  # nothing is ever written: returns when the parent is gone
            except OSError:
                pass
            os._exit(1)

        threading.Thread(target=watch, name="newsarc-lifeline", daemon=True).start()


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class ParallelWriter(MpWriter):
    def __init__(self, ix, procs: int = DEFAULT_PROCS, limitmb: int = 256, codec=None) -> None:
        # The children hold the postings; this process only merges small old segments.
        share = max(16, limitmb // procs)
        super().__init__(
            ix,
            procs=procs,
            multisegment=True,
            subargs={"limitmb": share, "codec": codec},
            limitmb=32,
            codec=codec,
        )
        context = multiprocessing.get_context("fork")
        self.jobqueue = context.Queue(self.procs * 4)
        self.resultqueue = context.Queue()
        self.submitted = 0
        # Fork every child now, before this process runs a queue feeder thread, with
        # SIGINT ignored so that they are born ignoring it (see ForkedSubWriterTask.run).
        # Objects alive now are frozen out of the garbage collector first: a child's
        # collections would otherwise touch, and so copy, every page of this process.
        try:
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        except ValueError:  # not the main thread: the children set it themselves
            previous = None
        self._lifeline, self._lifeline_writer = os.pipe()
        # SIGTERM and SIGHUP held back while forking: a child must not run this process's
        # handlers (newsarc.signals) before it sets its own; this process gets them after.
        gc.freeze()
        try:
            with signals_held():
                for _ in range(self.procs):
                    self._new_task()
        finally:
            gc.unfreeze()
            os.close(self._lifeline)  # the children's end
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def _new_task(self):
        task = ForkedSubWriterTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.daemon = True  # never outlives this process
        task.parent_pid = os.getpid()
        task.lifeline, task.lifeline_writer = self._lifeline, self._lifeline_writer
        self.tasks.append(task)
        task.start()
        return task

    def add_document(self, **fields):
        self.submitted += 1
        super().add_document(**fields)

    def _enqueue(self) -> None:
        # As MpWriter._enqueue: a batch of documents goes to a file, its name to a child.
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as handle:
            for item in self.docbuffer:
                pickle.dump(item, handle, pickle.HIGHEST_PROTOCOL)
        self._put((filename, len(self.docbuffer)))
        self.docbuffer: list[Any] = []

    def _put(self, job) -> None:
        while True:
            try:
                self.jobqueue.put(job, timeout=_POLL_SECONDS)
                return
            except queue.Full:
                for task in self.tasks:
                    if not task.is_alive():
                        raise ParallelIndexError(
                            f"an indexing process ended early (exit status {task.exitcode})"
                        ) from None

    def _commit(self, mergetype, optimize, merge) -> None:
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self._put(None)  # "no more work": each child finishes its segment
        # Meanwhile merge small existing segments here, as Whoosh's own writer does.
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results: list[Any] = []
        while len(results) < len(self.tasks):
            try:
                results.append(self.resultqueue.get(timeout=_POLL_SECONDS))
            except queue.Empty:
                if not any(task.is_alive() for task in self.tasks):
                    try:  # the last result may still be on its way through the pipe
                        results.append(self.resultqueue.get(timeout=2 * _POLL_SECONDS))
                    except queue.Empty:
                        raise ParallelIndexError(
                            "an indexing process ended without its segment"
                        ) from None
        for task in self.tasks:
            task.join()
        failed = [task.exitcode for task in self.tasks if task.exitcode]
        segments = [segment for _, _, segment in results]
        indexed = sum(segment.doc_count_all() for segment in segments)
        if failed or indexed != self.submitted:
            status = f" (exit status {failed[0]})" if failed else ""
            raise ParallelIndexError(
                f"the indexing processes indexed {indexed} of {self.submitted} documents{status}"
            )
        # A child that got no job (a window of fewer documents than one job file per
        # child) returns an empty segment: not worth a place in the index.
        finalsegments += [segment for segment in segments if segment.doc_count_all()]
        if self._added:  # documents of merged old segments, written by this process
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()
        self._cut_lifeline()

    def cancel(self) -> None:
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
        for task in self.tasks:
            task.join(timeout=5)
        self._cut_lifeline()
        if not self.is_closed:
            SegmentWriter.cancel(self)

    def _cut_lifeline(self) -> None:
        # The children are done: later forks (the next commit window's) must not inherit it.
        if self._lifeline_writer >= 0:
            os.close(self._lifeline_writer)
            self._lifeline_writer = -1
