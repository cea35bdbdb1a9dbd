"""Local workers: a worker that dies is noticed, its batch is retried once in a new pool, and a batch
whose worker dies again is rejected (`worker_died`) while the run goes on, results in job order."""
import os
import signal
import time
from pathlib import Path

from pipeline.runtime.batch import BatchJob, BatchResult
from pipeline.runtime.engines import WORKER_DIED, LocalEngine
from pipeline.io.formats import Record


def _jobs(folder: Path, n: int) -> list[tuple[BatchJob, bool]]:
    return [(BatchJob(k, [Record(f"batch{k}/a{j}.txt", f"{k}-{j}".encode(), "txt") for j in range(2)], str(folder)),
             False) for k in range(n)]


def echo_or_die(job: BatchJob) -> BatchResult:
    """Dies (SIGKILL on itself) on the batches named by marker files: `die-N` every time, `once-N` the
    first time only (the marker is removed before dying)."""
    folder = Path(job.parts_dir)
    once = folder / f"once-{job.number}"
    if (folder / f"die-{job.number}").exists() or once.exists():
        once.unlink(missing_ok=True)
        os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(10)
    time.sleep(0.05)
    return BatchResult(job.number, parts={"articles": f"part-{job.number}"})


def test_a_worker_killed_once_is_retried_and_every_batch_comes_back_in_order(tmp_path: Path):
    (tmp_path / "once-3").touch()
    with LocalEngine(2, task=echo_or_die) as engine:
        results = list(engine.map(_jobs(tmp_path, 8)))
    assert [r.number for r in results] == list(range(8))
    assert all(r.parts == {"articles": f"part-{r.number}"} and not r.rejected for r in results)


def test_a_batch_whose_worker_dies_again_is_rejected_and_the_run_goes_on(tmp_path: Path):
    (tmp_path / "die-2").touch()
    with LocalEngine(2, task=echo_or_die) as engine:
        results = list(engine.map(_jobs(tmp_path, 6)))
    assert [r.number for r in results] == list(range(6))
    bad = results[2]
    assert not bad.parts and [r.reason for r in bad.rejected] == [WORKER_DIED, WORKER_DIED]
    assert [r.source_path for r in bad.rejected] == ["batch2/a0.txt", "batch2/a1.txt"]
    assert all(r.parts and not r.rejected for k, r in enumerate(results) if k != 2)
