"""The Dask backend: the same chunks on a distributed cluster, each task driving a worker process of its own."""

from __future__ import annotations

import contextlib
import time
from dataclasses import replace
from typing import Any

from newsclean.batch.config import BatchConfig, BatchError, BatchUsageError, Task
from newsclean.batch.pages import ArchiveOutputs, plan_archive
from newsclean.batch.pool import LocalPool, base_record, drive
from newsclean.batch.worker import failure_record


class DaskBackend:
    """Chunks as Dask tasks: each runs a worker process on the Dask worker that takes it."""

    def __init__(self, config: BatchConfig) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise BatchUsageError("--scheduler needs Dask: pip install 'newsclean[dask]'") from None
        self.config = config
        try:
            self.client = Client(config.scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise BatchError(
                f"cannot reach the Dask scheduler at {config.scheduler}: {error}"
            ) from None
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        threads = sum(self.client.nthreads().values()) or workers
        self.capacity = 2 * threads
        self.futures: dict[Any, list[Task]] = {}

    def inflight(self) -> int:
        return len(self.futures)

    def submit(self, mode: str, tasks: list[Task], table: Any = None) -> None:
        from newsclean.batch.pages import ARCHIVE

        for task in [t for t in tasks if t.page is ARCHIVE]:  # an archive is read on the worker
            self.futures[
                self.client.submit(dask_archive, self.config, mode, task, table, pure=False)
            ] = [task]
        tasks = [t for t in tasks if t.page is not ARCHIVE]
        if tasks:
            future = self.client.submit(dask_chunk, self.config, mode, tasks, table, pure=False)
            self.futures[future] = tasks

    def poll(self, timeout: float) -> list[tuple[int, dict]]:
        from distributed import wait

        if not self.futures:
            time.sleep(min(timeout, 0.05))
            return []
        with contextlib.suppress(TimeoutError):
            wait(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
        results = []
        for future in [f for f in self.futures if f.done()]:
            tasks = self.futures.pop(future)
            try:
                results.extend(future.result())
            except Exception as error:
                reason = f"Dask task failed: {type(error).__name__}: {' '.join(str(error).split())[:200]}"
                results.extend((task.index, failure_record(reason)) for task in tasks)
        return results

    def close(self, kill: bool = False) -> None:
        with contextlib.suppress(Exception):
            if kill:
                self.client.cancel(list(self.futures))
            self.client.run(dask_shutdown)
        with contextlib.suppress(Exception):
            self.client.close()


_DASK_POOLS: dict[int, tuple[BatchConfig, LocalPool]] = {}


def dask_chunk(
    config: BatchConfig, mode: str, tasks: list[Task], table: Any
) -> list[tuple[int, dict]]:
    """Run one chunk on a Dask worker, through a worker process kept per thread."""
    pool = dask_pool(config)
    pool.submit(mode, tasks, table)
    results: list[tuple[int, dict]] = []
    while len(results) < len(tasks):
        results.extend(pool.poll(1.0))
    return results


def dask_pool(config: BatchConfig) -> LocalPool:
    """The worker process this Dask worker thread keeps for batch chunks."""
    import threading

    key = threading.get_ident()
    cached = _DASK_POOLS.get(key)
    if cached is None or cached[0] != config:
        if cached:
            cached[1].close()
        cached = (config, LocalPool(config, 1, die_with_parent=False))
        _DASK_POOLS[key] = cached
    return cached[1]


def dask_shutdown() -> None:
    """Stop the worker processes a Dask worker keeps for batch chunks."""
    while _DASK_POOLS:
        _, (_, pool) = _DASK_POOLS.popitem()
        pool.close()


def dask_archive(config: BatchConfig, mode: str, task: Task, table: Any) -> list[tuple[int, dict]]:
    """Read, clean (or count) one archive on a Dask worker; return its records as one.

    The archive is planned here as it is locally, and its pages go through the
    worker process this Dask worker keeps, under the same time limit. With an
    output directory its output is written here; with a JSONL output its lines go
    back to the client in the records.
    """
    from newsclean.batch.config import REPORT_HTML_DOCUMENTS

    local = replace(config, scheduler=None)
    pool = dask_pool(config)
    records: list[dict] = []
    outputs = ArchiveOutputs()

    def keep(each: Task | None, record: dict) -> None:
        if each is not None:
            record = {**base_record(each, config.output), **record}
        if record["status"] == "failed":
            record["output"] = None
        if task.index + record.pop("index", 0) >= REPORT_HTML_DOCUMENTS:
            record.pop("document", None)  # the HTML report shows the first documents of the run
        if mode == "clean":
            outputs.handle(each, record)
        records.append(record)

    items = plan_archive(local, None, task.path, task.id, task.out, task.site, 0)
    try:
        drive(pool, items, mode, 8, keep, lambda tasks: table)
    finally:
        outputs.abort()
    return [(task.index, {"status": "expanded", "records": records})]
