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
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import signal
from multiprocessing.context import ForkProcess

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from newsarc.errors import ArchiveError

PARALLEL_PROCS = 2
_POLL_SECONDS = 0.5


class ParallelIndexError(ArchiveError):
    """The parallel writer could not index every document; the index is unchanged."""

    def __init__(self, message: str) -> None:
        super().__init__(
            f"indexing in parallel failed: {message}", hint="the index is unchanged; try again"
        )


def can_write_in_parallel() -> bool:
    # fork: the children inherit the schema and analyzer, nothing is pickled or re-imported.
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


class ForkedSubWriterTask(SubWriterTask):
    # Always forked, whatever multiprocessing's default start method (spawn on macOS, and
    # forkserver from Python 3.14 on Linux, would pickle this object).
    _start_method = "fork"
    _Popen = staticmethod(ForkProcess._Popen)

    def run(self) -> None:
        # Ctrl-C reaches the whole process group: the parent cancels (and terminates the
        # children); a child must not die on its own with a KeyboardInterrupt traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        super().run()


class ParallelWriter(MpWriter):
    def __init__(self, ix, procs: int = PARALLEL_PROCS, limitmb: int = 256, codec=None) -> None:  # type: ignore[no-untyped-def]
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
        try:
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        except ValueError:  # not the main thread: the children set it themselves
            previous = None
        try:
            for _ in range(self.procs):
                self._new_task()
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def _new_task(self):  # type: ignore[no-untyped-def]
        task = ForkedSubWriterTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        task.daemon = True  # never outlives this process
        self.tasks.append(task)
        task.start()
        return task

    def add_document(self, **fields):  # type: ignore[no-untyped-def]
        self.submitted += 1
        super().add_document(**fields)

    def _enqueue(self) -> None:
        # As MpWriter._enqueue: a batch of documents goes to a file, its name to a child.
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as handle:
            for item in self.docbuffer:
                pickle.dump(item, handle, pickle.HIGHEST_PROTOCOL)
        self._put((filename, len(self.docbuffer)))
        self.docbuffer = []

    def _put(self, job) -> None:  # type: ignore[no-untyped-def]
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

    def _commit(self, mergetype, optimize, merge) -> None:  # type: ignore[no-untyped-def]
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self._put(None)  # "no more work": each child finishes its segment
        # Meanwhile merge small existing segments here, as Whoosh's own writer does.
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results = []
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
        finalsegments += segments
        if self._added:  # documents of merged old segments, written by this process
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()

    def cancel(self) -> None:
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
        for task in self.tasks:
            task.join(timeout=5)
        if not self.is_closed:
            SegmentWriter.cancel(self)
