"""Where batches run: in this process, in local worker processes, or on a Dask cluster. Every engine
runs the same function (pipeline.batch.run_batch) and hands results back in submission order, so the
output does not depend on the engine or the number of workers."""
from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator

from pipeline.batch import BatchJob, BatchResult, run_batch

log = logging.getLogger(__name__)


class Engine:
    """Runs batch jobs; `map` yields their results in the order the jobs came."""

    window = 4  # jobs in flight per worker: bounds the memory the queue holds

    def __init__(self, workers: int = 1):
        self.workers = max(1, workers)

    def submit(self, job: BatchJob):
        return run_batch(job)

    def result(self, handle) -> BatchResult:
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

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class LocalEngine(Engine):
    """Worker processes on this machine, started on first use; each loads the language model once."""

    def __init__(self, workers: int = 1):
        super().__init__(workers)
        self._pool: multiprocessing.pool.Pool | None = None

    def submit(self, job: BatchJob):
        if self.workers == 1:
            return run_batch(job)
        if self._pool is None:
            # spawn, not fork: workers start clean instead of inheriting the parent's threads and state
            self._pool = multiprocessing.get_context("spawn").Pool(self.workers)
        return self._pool.apply_async(run_batch, (job,))

    def result(self, handle) -> BatchResult:
        return handle.get() if self._pool is not None and not isinstance(handle, BatchResult) else handle

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None


class DaskEngine(Engine):
    """A Dask cluster: an existing one at `scheduler`, else a LocalCluster of `workers` processes."""

    def __init__(self, workers: int = 1, scheduler: str | None = None):
        super().__init__(workers)
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise RuntimeError("the Dask engine needs dask.distributed: pip install 'dask[distributed]'") from exc
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
            self._client = Client(scheduler)
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


def make_engine(name: str, workers: int, scheduler: str | None = None) -> Engine:
    if name == "dask":
        return DaskEngine(workers, scheduler)
    return LocalEngine(workers)
