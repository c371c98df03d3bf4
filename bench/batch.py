#!/usr/bin/env python3
"""Throughput and memory of ``newsclean batch``: files/s by --jobs, and peak RSS by corpus size.

Builds a corpus by copying the dev pages (``../shared/bench/extraction/dev/*/scraped.txt``)
many times into a temporary directory, runs the installed ``newsclean batch`` on it and
prints a Markdown table. Peak RSS is the largest sum of VmRSS over the whole process tree
(the command and its workers), sampled from /proc every 50 ms: it must stay flat when
the corpus grows tenfold.

    python bench/batch.py                  # 2,000+ files, and 10x that for memory
    python bench/batch.py --copies 10 --jobs 1 2 4
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from mdtables import table, update_section  # noqa: E402  (bench/mdtables.py)


def build_corpus(dev: Path, target: Path, copies: int) -> int:
    """``copies`` copies of every dev page, 100 files per directory; returns the file count."""
    pages = sorted(dev.glob("*/scraped.txt"))
    if not pages:
        raise SystemExit(f"no dev pages under {dev}")
    count = 0
    for copy in range(copies):
        for page in pages:
            directory = target / f"site{count // 100:04d}"
            directory.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, directory / f"{page.parent.name[:16]}-{copy}.txt")
            count += 1
    return count


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    """Sum of VmRSS of *pid* and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _rss_kb(current)
        stack.extend(_children(current))
    return total


def run_measured(argv: list[str], stdout=None) -> tuple[float, float]:
    """Run a command; return (seconds, peak RSS of its process tree in MB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newsclean batch failed ({proc.returncode}): {stderr.decode()[-500:]}")
    return seconds, peak / 1024


def run_batch(command: list[str], src: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Run the batch; return (seconds, peak RSS of the process tree in MB)."""
    return run_measured(
        [*command, "batch", str(src), "-o", str(out), "--jobs", str(jobs), "--quiet", "--force"]
    )


def independent_pair(command: list[str], src: Path, out: Path) -> float:
    """Seconds for two separate ``--jobs 1`` batches, each on half of *src*'s directories, run at once.

    This is what the machine gives two processes that share nothing: the ceiling
    for ``--jobs 2``, whatever the batch engine does.
    """
    dirs = sorted(p for p in src.iterdir() if p.is_dir())
    halves = [dirs[0::2], dirs[1::2]]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [
                *command,
                "batch",
                *map(str, half),
                "-o",
                str(out / f"half{n}"),
                "--jobs",
                "1",
                "--quiet",
                "--force",
            ],
            stderr=subprocess.DEVNULL,
        )
        for n, half in enumerate(halves)
    ]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared benchmark data (default: ../shared)",
    )
    parser.add_argument(
        "--copies", type=int, default=25, help="copies of the dev pages (default: 25)"
    )
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to time")
    parser.add_argument("--scale", type=int, default=10, help="corpus factor for the memory check")
    parser.add_argument(
        "--update",
        type=Path,
        metavar="FILE",
        help="replace the text between <!-- bench-batch:start --> and <!-- bench-batch:end --> in FILE",
    )
    args = parser.parse_args()

    exe = shutil.which("newsclean", path=os.path.dirname(sys.executable)) or shutil.which(
        "newsclean"
    )
    command = [exe] if exe else [sys.executable, "-m", "newsclean"]
    dev = args.shared / "bench" / "extraction" / "dev"
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-") as tmp:
        tmp_path = Path(tmp)
        small = build_corpus(dev, tmp_path / "small", args.copies)
        size = sum(f.stat().st_size for f in (tmp_path / "small").rglob("*.txt")) / 1e6
        rows = []
        for jobs in args.jobs:
            seconds, peak = run_batch(command, tmp_path / "small", tmp_path / f"out-{jobs}", jobs)
            rows.append((f"{small:,} files ({size:.0f} MB)", jobs, seconds, small / seconds, peak))
        seconds = independent_pair(command, tmp_path / "small", tmp_path / "out-pair")
        rows.append(
            (
                f"{small:,} files ({size:.0f} MB)",
                "2 × 1, separate processes (the machine's ceiling)",
                seconds,
                small / seconds,
                None,
            )
        )
        shutil.rmtree(tmp_path / "out-1", ignore_errors=True)
        big = build_corpus(dev, tmp_path / "big", args.copies * args.scale)
        jobs = max(args.jobs)
        seconds, peak = run_batch(command, tmp_path / "big", tmp_path / "out-big", jobs)
        rows.append(
            (f"{big:,} files ({size * args.scale:.0f} MB)", jobs, seconds, big / seconds, peak)
        )

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    command_line = "python bench/batch.py" + (
        f" --copies {args.copies}" if args.copies != 25 else ""
    )
    report = (
        f"Generated {datetime.date.today().isoformat()} by `{command_line}`: Python "
        f"{platform.python_version()}, {platform.machine()}, {cpus} CPUs available.\n\n"
        + table(
            ["corpus", "--jobs", "seconds", "files/s", "peak RSS, whole tree (MB)"],
            [
                [
                    corpus,
                    jobs,
                    f"{seconds:.1f}",
                    f"{rate:,.0f}",
                    "–" if peak is None else f"{peak:.0f}",
                ]
                for corpus, jobs, seconds, rate, peak in rows
            ],
        )
    )
    print(report)
    if args.update:
        update_section(args.update, "bench-batch", report)


if __name__ == "__main__":
    main()
