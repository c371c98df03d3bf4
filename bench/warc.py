#!/usr/bin/env python3
"""Pages from a WARC against the same pages as files: records/s, pages/s and memory.

Builds, in a temporary directory, a gzip-compressed WARC of the dev pages (the
HTML of ``../shared/bench/extraction/dev/*/page.html`` and the ``html`` of
``../shared/bench/wcxb/dev/*.json.gz``, one ``response`` record each with its URL)
and a directory with the same pages as files, then measures:

* in one process, after a warm-up pass, the best of ``--repeat`` passes:
  ``clean()`` of each file's bytes as read from disk (what ``newsclean clean`` does)
  against ``read_pages`` + ``clean_page`` over the archive (what a batch worker
  does with an archive's pages), and reading the archive alone;
* ``newsclean batch`` with ``--jobs 1`` on the directory and on the archive;
* peak RSS of ``newsclean batch --jobs 2`` (command and workers) on the archive and
  on an archive ``--scale`` times larger: memory must not grow with the archive.

    python bench/warc.py                       # prints a Markdown table
    python bench/warc.py --update BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import run_measured  # noqa: E402  (bench/batch.py)
from mdtables import table, update_section  # noqa: E402  (bench/mdtables.py)


def dev_pages(shared: Path) -> list[tuple[str, bytes]]:
    """(URL, HTML bytes) of every dev page: the extraction benchmark's, then WCXB's."""
    pages = []
    for directory in sorted((shared / "bench" / "extraction" / "dev").iterdir()):
        html = directory / "page.html"
        if html.is_file():
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            pages.append(
                (
                    meta.get("url") or f"https://extraction.example/{directory.name}",
                    html.read_bytes(),
                )
            )
    for path in sorted((shared / "bench" / "wcxb" / "dev").glob("*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            record = json.load(handle)
        if record.get("html"):
            pages.append(
                (
                    record.get("url") or f"https://wcxb.example/{path.stem}",
                    record["html"].encode("utf-8"),
                )
            )
    if not pages:
        raise SystemExit(f"no dev pages under {shared / 'bench'}")
    return pages


def write_warc(path: Path, pages: list[tuple[str, bytes]], copies: int = 1) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for copy in range(copies):
            for url, body in pages:
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
                )
                target = url if copy == 0 else f"{url}#copy{copy}"
                writer.write_record(
                    writer.create_warc_record(
                        target, "response", payload=io.BytesIO(body), http_headers=http
                    )
                )


def write_files(directory: Path, pages: list[tuple[str, bytes]]) -> list[Path]:
    directory.mkdir(parents=True)
    paths = []
    for number, (_, body) in enumerate(pages):
        path = directory / f"page-{number:05d}.html"
        path.write_bytes(body)
        paths.append(path)
    return paths


def best_of(repeat: int, *works) -> list[float]:
    """The best CPU time of each of *works*, over *repeat* rounds that run them in turn
    (so that a slower spell of a shared machine falls on all of them), after a warm-up."""
    for work in works:
        work()
    best = [float("inf")] * len(works)
    for _ in range(repeat):
        for number, work in enumerate(works):
            started = time.process_time()
            work()
            best[number] = min(best[number], time.process_time() - started)
    return best


def batch_run(command: list[str], source: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB, the command and its workers) of a batch to /dev/null."""
    return run_measured(
        [
            *command,
            "batch",
            str(source),
            "-o",
            "-",
            "--format",
            "jsonl",
            "--jobs",
            str(jobs),
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared benchmark data (default: ../shared)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed passes in one process (default: 3)"
    )
    parser.add_argument(
        "--scale", type=int, default=5, help="copies of the pages in the large archive"
    )
    parser.add_argument(
        "--update",
        type=Path,
        metavar="FILE",
        help="replace the text between <!-- bench-warc:start --> and <!-- bench-warc:end --> in FILE",
    )
    args = parser.parse_args()

    from newsclean.io.files import read_input
    from newsclean.io.sniff import check_input
    from newsclean.io.sources import Page, clean_page, read_pages
    from newsclean.options import Options
    from newsclean.pipeline import clean

    pages = dev_pages(args.shared)
    options = Options()
    exe = shutil.which("newsclean", path=os.path.dirname(sys.executable)) or shutil.which(
        "newsclean"
    )
    command = [exe] if exe else [sys.executable, "-m", "newsclean"]
    with tempfile.TemporaryDirectory(prefix="newsclean-bench-warc-") as tmp:
        tmp_path = Path(tmp)
        files = write_files(tmp_path / "pages", pages)
        warc = tmp_path / "dev.warc.gz"
        write_warc(warc, pages)
        megabytes = sum(len(body) for _, body in pages) / 1e6
        n = len(pages)

        def clean_files() -> None:
            for path in files:
                data = read_input(str(path), options.max_bytes)
                check_input(data, options.max_bytes)
                clean(data, options, source=str(path))

        def clean_archive() -> None:
            count = 0
            for item in read_pages(str(warc), max_bytes=options.max_bytes):
                if isinstance(item, Page):
                    check_input(item.data, options.max_bytes)
                    clean_page(item, options)
                    count += 1
            assert count == n, count

        def read_archive() -> None:
            assert sum(isinstance(item, Page) for item in read_pages(str(warc))) == n

        file_seconds, warc_seconds, read_seconds = best_of(
            args.repeat, clean_files, clean_archive, read_archive
        )
        batch_files, rss_files = batch_run(command, tmp_path / "pages", 1)
        batch_warc, rss_warc = batch_run(command, warc, 1)
        batch_small, rss_small = batch_run(command, warc, 2)
        big = tmp_path / "big.warc.gz"
        write_warc(big, pages, args.scale)
        batch_big, rss_big = batch_run(command, big, 2)
        big_mb = big.stat().st_size / 1e6
        small_mb = warc.stat().st_size / 1e6

    rows = [
        [
            f"{n:,} pages as files ({megabytes:.0f} MB)",
            "`clean()` of each file, one process",
            f"{file_seconds:.1f}",
            f"{n / file_seconds:,.0f} pages/s",
            "100 %",
        ],
        [
            f"the same pages in one WARC ({small_mb:.0f} MB gz)",
            "`read_pages` + `clean_page`, one process",
            f"{warc_seconds:.1f}",
            f"{n / warc_seconds:,.0f} records/s",
            f"{file_seconds / warc_seconds:.1%}",
        ],
        [
            "",
            "reading the WARC alone (fastwarc, HTTP, digests)",
            f"{read_seconds:.2f}",
            f"{n / read_seconds:,.0f} records/s",
            "–",
        ],
        [
            f"{n:,} pages as files",
            "`newsclean batch --jobs 1`",
            f"{batch_files:.1f}",
            f"{n / batch_files:,.0f} pages/s",
            f"peak RSS {rss_files:.0f} MB",
        ],
        [
            "the same WARC",
            "`newsclean batch --jobs 1`",
            f"{batch_warc:.1f}",
            f"{n / batch_warc:,.0f} records/s",
            f"peak RSS {rss_warc:.0f} MB",
        ],
        [
            "the same WARC",
            "`newsclean batch --jobs 2`",
            f"{batch_small:.1f}",
            f"{n / batch_small:,.0f} records/s",
            f"peak RSS {rss_small:.0f} MB",
        ],
        [
            f"{args.scale}× the WARC ({big_mb:.0f} MB gz)",
            "`newsclean batch --jobs 2`",
            f"{batch_big:.1f}",
            f"{n * args.scale / batch_big:,.0f} records/s",
            f"peak RSS {rss_big:.0f} MB",
        ],
    ]
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    report = (
        f"Generated {datetime.date.today().isoformat()} by `python bench/warc.py`: Python "
        f"{platform.python_version()}, {platform.machine()}, {cpus} CPUs available. One-process "
        f"figures are CPU time, best of {args.repeat} rounds after a warm-up; batch figures are wall time.\n\n"
        + table(["input", "how", "seconds", "rate", "vs files / memory"], rows)
    )
    print(report)
    if args.update:
        update_section(args.update, "bench-warc", report)


if __name__ == "__main__":
    main()
