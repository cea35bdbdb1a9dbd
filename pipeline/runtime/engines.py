"""Where batches run: in this process, in local worker processes, or on a Dask cluster. Every engine
runs the same function (pipeline.runtime.batch.run_batch) and hands results back in submission order, so the
output does not depend on the engine or the number of workers."""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from pipeline.io import ingest
from pipeline.runtime.batch import BatchJob, BatchResult, run_batch
from pipeline.base.errors import UsageError

log = logging.getLogger(__name__)

WORKER_DIED = "worker_died"  # rejected_inputs reason: the batch's worker process died twice


class Engine:
    """Runs batch jobs; `map` yields their results in the order the jobs came."""

    window = 4  # jobs in flight per worker: bounds the memory the queue holds

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)

    def submit(self, job: BatchJob) -> Any:
        return run_batch(job)

    def result(self, handle: Any) -> BatchResult:
        return handle

    def map(self, jobs: Iterable[tuple[BatchJob, bool]]) -> Iterator[BatchResult]:
        """`jobs` gives (job, local): a local job (every record cached) runs here, at once."""
        pending: deque = deque()
        for job, local in jobs:
            pending.append(("done", run_batch(job)) if local else ("remote", self.submit(job)))
            while len(pending) > self.window * self.workers or (pending and pending[0][0] == "done"):
                kind, handle = pending.popleft()
                yield handle if kind == "done" else self.result(handle)
        while pending:
            kind, handle = pending.popleft()
            yield handle if kind == "done" else self.result(handle)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        """Stop at once (an interrupt or an error): running work is abandoned."""
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is None:
            self.close()
        else:
            self.abort()


@dataclass
class _Slot:
    """A job in flight on the local pool."""

    job: BatchJob
    future: Future | None = None
    done: BatchResult | None = None


class LocalEngine(Engine):
    """Worker processes on this machine, started on first use; each loads the language model once.

    A worker that dies (killed, out of memory) breaks the whole pool: every batch in flight is then
    run again in a new pool, one at a time, so that a second death names its batch; a batch whose
    worker dies again is given up and its records become `worker_died` rejections."""

    def __init__(self, workers: int = 1, task: Callable[[BatchJob], BatchResult] = run_batch):
        super().__init__(workers)
        self.task = task  # a module-level function, so that workers can import it
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: workers start clean instead of inheriting the parent's threads and state
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init, initargs=(os.getpid(),))

    def map(self, jobs: Iterable[tuple[BatchJob, bool]]) -> Iterator[BatchResult]:
        if self.workers == 1:  # in this process: nothing to start, nothing that can die alone
            for job, _ in jobs:
                yield self.task(job)
            return
        pending: deque[_Slot] = deque()
        for job, local in jobs:
            slot = _Slot(job)
            if local:
                slot.done = self.task(job)
            else:
                if self._pool is None:
                    self._pool = self._new_pool()
                try:
                    with _sigint_deferred():  # submit may start a worker
                        slot.future = self._pool.submit(self.task, job)
                except BrokenProcessPool:  # the pool died since the last result: the slot is retried
                    slot.future = None
            pending.append(slot)
            while len(pending) > self.window * self.workers or (pending and pending[0].done is not None):
                yield self._take(pending)
        while pending:
            yield self._take(pending)

    def _take(self, pending: deque[_Slot]) -> BatchResult:
        slot = pending[0]
        if slot.done is None:
            try:
                if slot.future is None:
                    raise BrokenProcessPool("the pool broke before this batch was submitted")
                slot.done = slot.future.result()
            except BrokenProcessPool:
                self._recover(pending)
        pending.popleft()
        assert slot.done is not None
        return slot.done

    def _recover(self, pending: deque[_Slot]) -> None:
        """A worker died: retry every unfinished batch in flight, alone, in a new pool."""
        self._discard_pool()
        suspects = [s for s in pending if s.done is None and not _finished(s.future)]
        for s in pending:
            if s.done is None and _finished(s.future):
                s.done = s.future.result()  # type: ignore[union-attr]
        log.warning("a worker process died; running its %d batch(es) again", len(suspects))
        for slot in suspects:
            if self._pool is None:
                self._pool = self._new_pool()
            try:
                with _sigint_deferred():
                    future = self._pool.submit(self.task, slot.job)
                slot.done = future.result()
            except BrokenProcessPool:
                self._discard_pool()
                slot.done = _rejected(slot.job)
                log.error("batch %d: the worker died again; its %d input(s) are rejected (%s)",
                          slot.job.number, len(slot.job.records), WORKER_DIED)

    def _discard_pool(self) -> None:
        if self._pool is not None:
            _kill_workers(self._pool)
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def abort(self) -> None:
        if self._pool is not None:
            _kill_workers(self._pool)
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _finished(future: Future | None) -> bool:
    return future is not None and future.done() and not future.cancelled() and future.exception() is None


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's worker processes now (shutdown() alone waits for the batches they run)."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except (OSError, AttributeError):
            pass
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.join(5)
        except (OSError, AssertionError, AttributeError):
            pass


def _rejected(job: BatchJob) -> BatchResult:
    detail = "the worker process processing this input's batch died twice (killed, or out of memory)"
    return BatchResult(job.number, rejected=[ingest.Rejected(r.source_path, r.sha256, WORKER_DIED, detail)
                                             for r in job.records])


@contextlib.contextmanager
def _sigint_deferred():
    """SIGINT blocked while workers may be started: they inherit the block through exec, so that a
    Ctrl-C sent to the whole process group cannot kill one half-started, with a traceback; this process
    handles Ctrl-C and ends them. Here, a Ctrl-C in the window is delivered as soon as it ends."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _worker_init(parent: int) -> None:
    """In each worker: Ctrl-C is the parent's to handle (it ends the workers), and a worker whose
    parent is gone (killed with -9) ends itself instead of waiting for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class DaskEngine(Engine):
    """A Dask cluster: an existing one at `scheduler`, else a LocalCluster of `workers` processes."""

    connect_timeout = 3  # seconds to reach an existing scheduler before giving up

    def __init__(self, workers: int = 1, scheduler: str | None = None):
        super().__init__(workers)
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise UsageError("the Dask engine needs dask.distributed: pip install 'dask[distributed]'") from exc
        import dask

        # The per-batch work is long-running Python: the worker's sampling profiler (every 10 ms) and
        # frequent memory polls cost CPU the two cores of a small machine do not have to spare.
        # The nanny's MALLOC_TRIM_THRESHOLD_ makes glibc return memory to the system at every free,
        # which slows spaCy's many small allocations by a fifth; the memory zone keeps memory flat.
        environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
                   if k != "MALLOC_TRIM_THRESHOLD_"}
        dask.config.set({"distributed.worker.profile.enabled": False,
                         "distributed.worker.memory.monitor-interval": "1s",
                         "distributed.nanny.pre-spawn-environ": environ})
        self._cluster = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout=self.connect_timeout)
            except (OSError, TimeoutError, ValueError, TypeError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler} "
                                 f"within {self.connect_timeout} s: {_one_line(exc)}") from None
            self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        else:
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self._client = Client(self._cluster)
        log.info("Dask engine: %s", self._client)

    def submit(self, job: BatchJob):
        return self._client.submit(run_batch, job, pure=False)

    def result(self, handle) -> BatchResult:
        return handle.result()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def make_engine(name: str, workers: int, scheduler: str | None = None) -> Engine:
    if name == "dask":
        return DaskEngine(workers, scheduler)
    return LocalEngine(workers)
