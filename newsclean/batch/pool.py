"""The local pool: worker processes driven by the supervisor, with time limits and restarts."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from newsclean.batch.config import KILL_GRACE, BatchConfig, BatchError, Task
from newsclean.batch.plan import printable_path
from newsclean.batch.worker import failure_record, format_seconds
from newsclean.io.files import (
    os_message,
)


class _Worker:
    def __init__(self, config: BatchConfig, die_with_parent: bool) -> None:
        import subprocess
        from multiprocessing.connection import Connection

        args = [sys.executable, "-m", "newsclean.batch", "--worker"]
        if die_with_parent:
            args.append("--die-with-parent")
        self.proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, close_fds=True
        )
        assert self.proc.stdin and self.proc.stdout
        self.send_conn = Connection(os.dup(self.proc.stdin.fileno()), readable=False)
        self.recv_conn = Connection(os.dup(self.proc.stdout.fileno()), writable=False)
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.ready = False
        self.queue: deque[Task] = deque()
        self.mode = "clean"
        self.table: Any = None
        self.started = time.monotonic()
        self.send_conn.send(("config", config))

    @property
    def busy(self) -> bool:
        return bool(self.queue)

    def give(self, mode: str, tasks: list[Task], table: Any) -> None:
        self.mode = mode
        self.table = table
        self.queue = deque(tasks)
        self.started = time.monotonic()
        self.send_conn.send(("chunk", mode, tasks, table))

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()
        self.close()

    def close(self) -> None:
        for conn in (self.send_conn, self.recv_conn):
            with contextlib.suppress(OSError):
                conn.close()


class LocalPool:
    """Worker processes of our own, fed chunk by chunk, each file under a time limit.

    ``concurrent.futures`` cannot stop one stuck task; here a stuck worker is
    killed, its file recorded as failed and a fresh worker takes the rest.
    """

    def __init__(self, config: BatchConfig, jobs: int, die_with_parent: bool = True) -> None:
        self.config = config
        self.jobs = max(1, jobs)
        self.die_with_parent = die_with_parent
        self.workers: list[_Worker] = []
        self.pending: deque[tuple[str, list[Task], Any]] = deque()
        self.results: list[tuple[int, dict]] = []
        self._start_failures = 0
        #: A worker was killed mid-file: a temporary output file may be left behind.
        self.unclean = False
        for _ in range(self.jobs):
            self._spawn()

    @property
    def capacity(self) -> int:
        return 2 * self.jobs

    def inflight(self) -> int:
        return len(self.pending) + sum(w.busy for w in self.workers)

    def submit(self, mode: str, tasks: list[Task], table: Any = None) -> None:
        self.pending.append((mode, tasks, table))
        self._dispatch()

    def _spawn(self) -> _Worker:
        try:
            worker = _Worker(self.config, self.die_with_parent)
        except OSError as error:
            raise BatchError(f"cannot start a worker process: {os_message(error)}") from None
        self.workers.append(worker)
        return worker

    def _dispatch(self) -> None:
        for worker in self.workers:
            if not self.pending:
                return
            if worker.ready and not worker.busy:
                mode, tasks, table = self.pending.popleft()
                try:
                    worker.give(mode, tasks, table)
                except OSError:
                    worker.queue.clear()
                    self.pending.appendleft((mode, tasks, table))

    def poll(self, timeout: float) -> list[tuple[int, dict]]:
        """Wait up to *timeout* seconds; return the records of the files finished meanwhile."""
        from multiprocessing.connection import wait

        limit = self.config.timeout + KILL_GRACE if self.config.timeout else None
        if limit:
            now = time.monotonic()
            for worker in self.workers:
                if worker.busy:
                    timeout = min(timeout, max(0.0, worker.started + limit - now))
        conns: dict[Any, _Worker] = {worker.recv_conn: worker for worker in self.workers}
        for conn in wait(list(conns), timeout) if conns else ():
            worker = conns[conn]
            conn = worker.recv_conn
            try:
                message = conn.recv()
            except (EOFError, OSError):
                self._lost(worker, "worker process died")
                continue
            if message[0] == "ready":
                worker.ready = True
                self._start_failures = 0
            elif message[0] == "error":
                raise BatchError(f"a worker process cannot start: {message[1]}")
            elif message[0] == "done":
                index, record = message[1], message[2]
                if worker.queue and worker.queue[0].index == index:
                    worker.queue.popleft()
                worker.started = time.monotonic()
                self.results.append((index, record))
        if limit:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.busy and now - worker.started > limit:
                    self._lost(
                        worker,
                        f"timed out after {format_seconds(self.config.timeout)} "
                        "(limit: --timeout; worker stopped)",
                        kill=True,
                    )
        self._dispatch()
        results, self.results = self.results, []
        return results

    def _lost(self, worker: _Worker, reason: str, kill: bool = False) -> None:
        """A worker died or hung: fail its current file, requeue the rest, replace it."""
        if kill:
            worker.kill()
            self.unclean = True
        else:
            worker.proc.wait()
            worker.close()
            code = worker.proc.returncode
            if code is not None and code < 0:
                reason += f" (signal {-code})"
        self.workers.remove(worker)
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= 3:
                raise BatchError(
                    "worker processes fail to start; try 'python -m newsclean.batch --worker' "
                    "to see why"
                )
        if worker.queue:
            current = worker.queue.popleft()
            self.results.append((current.index, {**failure_record(reason), "seconds": None}))
            if worker.queue:
                self.pending.appendleft((worker.mode, list(worker.queue), worker.table))
        self._spawn()

    def close(self, kill: bool = False) -> None:
        """Stop the workers: when idle, or soon (*kill*: a busy worker finishes its file, then stops).

        A worker still busy after the file time limit is killed; then a temporary
        file may be left behind, and :attr:`unclean` tells the next run to sweep.
        """
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.send_conn.send(("stop",))
            if kill and worker.busy:
                with contextlib.suppress(OSError):
                    worker.proc.terminate()
        patience = self.config.timeout + KILL_GRACE if self.config.timeout else 10.0
        deadline = time.monotonic() + (min(patience, 10.0) if kill else max(5.0, patience))
        for worker in self.workers:
            try:
                worker.proc.wait(max(0.1, deadline - time.monotonic()))
            except Exception:
                with contextlib.suppress(OSError):
                    worker.proc.kill()
                worker.proc.wait()
                self.unclean = True
            worker.close()
        self.workers = []


def base_record(task: Task, output_root: str) -> dict:
    out = printable_path(os.path.relpath(task.out, output_root)) if task.out is not None else None
    return {"index": task.index, "path": printable_path(task.path), "id": task.id, "output": out}


def drive(
    backend,
    items: Iterator[Task | dict],
    mode: str,
    chunk_size: int,
    emit: Callable[[Task | None, dict], None],
    table_for: Callable[[list[Task]], Any],
    on_planned: Callable[[Task], None] | None = None,
) -> None:
    """Feed *items* to *backend* in chunks; call *emit* with each record, in input order."""
    ahead = max(256, 4 * chunk_size * backend.capacity)
    done: dict[int, dict] = {}
    tasks: dict[int, Task] = {}
    next_emit = 0
    planned = 0
    exhausted = False
    chunk: list[Task] = []

    def flush() -> None:
        nonlocal chunk
        if chunk:
            backend.submit(mode, chunk, table_for(chunk))
            chunk = []

    while True:
        while (
            not exhausted and backend.inflight() < backend.capacity and planned - next_emit < ahead
        ):
            item = next(items, None)
            if item is None:
                exhausted = True
                break
            planned += 1
            if isinstance(item, dict):
                done[item["index"]] = item
                continue
            tasks[item.index] = item
            if on_planned:
                on_planned(item)
            chunk.append(item)
            if len(chunk) >= chunk_size:
                flush()
        if chunk and backend.inflight() < backend.capacity:
            flush()  # a partial chunk: the planner is done or far enough ahead
        while next_emit in done:
            emit(tasks.pop(next_emit, None), done.pop(next_emit))
            next_emit += 1
        if exhausted and not chunk and not backend.inflight() and not done:
            return
        for index, record in backend.poll(0.25):
            done[index] = record
