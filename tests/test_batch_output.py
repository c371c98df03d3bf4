"""``newsclean batch`` guard-rails: the output's name decides JSON lines, no input is an error,
and a JSON-lines rerun with nothing changed leaves the file alone."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from newsclean.batch import DEFAULT_GLOBS

ARTICLE = (
    "Storm closes schools\n\n"
    "Schools across the region were closed on Monday after the storm brought down power lines, "
    "officials said in a statement.\n"
)


def corpus(src: Path) -> None:
    (src / "news").mkdir(parents=True)
    (src / "news" / "storm.txt").write_text(ARTICLE)
    (src / "news" / "rain.html").write_text(ARTICLE.replace("Storm", "Rain"))
    (src / "wind.txt.gz").write_bytes(gzip.compress(ARTICLE.replace("Storm", "Wind").encode()))


def statuses(report: Path) -> dict[str, str]:
    return {r["id"]: r["status"] for r in map(json.loads, report.read_text().splitlines())}


def test_a_jsonl_name_means_jsonl(run, tmp_path):
    src = tmp_path / "crawl"
    corpus(src)
    out = tmp_path / "corpus.jsonl"
    proc = run("batch", src, "-o", out, "-j", "1")
    assert proc.returncode == 0, proc.stderr
    assert out.is_file()
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["wind.txt.gz", "news/rain.html", "news/storm.txt"]
    assert [r["text"].split("\n")[0] for r in records] == [
        "Wind closes schools",
        "Rain closes schools",
        "Storm closes schools",
    ]
    explicit = run("batch", src, "-o", "-", "--format", "jsonl", "-j", "1")
    assert explicit.stdout == out.read_bytes()
    assert (
        run("batch", src, "-o", "-", "-j", "1").stdout == out.read_bytes()
    )  # '-' alone means jsonl too


def test_a_jsonl_gz_name_is_written_compressed_and_the_same_every_time(run, tmp_path):
    src = tmp_path / "crawl"
    corpus(src)
    plain = run("batch", src, "-o", tmp_path / "corpus.jsonl", "-j", "1")
    assert plain.returncode == 0
    packed = tmp_path / "corpus.jsonl.gz"
    assert run("batch", src, "-o", packed, "-j", "1").returncode == 0
    first = packed.read_bytes()
    assert first[:2] == b"\x1f\x8b"
    assert gzip.decompress(first) == (tmp_path / "corpus.jsonl").read_bytes()
    assert run("batch", src, "-o", packed, "-j", "1", "--force").returncode == 0
    assert packed.read_bytes() == first  # no time stamp in the gzip header


@pytest.mark.parametrize(
    "output, fmt", [("corpus.jsonl", "text"), ("corpus.jsonl.gz", "json"), ("CORPUS.JSONL", "text")]
)
def test_a_format_that_disagrees_with_the_name_is_a_usage_error(run, tmp_path, output, fmt):
    src = tmp_path / "crawl"
    corpus(src)
    proc = run("batch", src, "-o", tmp_path / output, "--format", fmt)
    assert proc.returncode == 2
    assert "names a JSON-lines file, but --format is " + fmt in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / output).exists()


def test_no_matching_file_is_a_warning_and_status_1(run, tmp_path):
    src = tmp_path / "crawl"
    src.mkdir()
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (src / "data.csv").write_text("a,b\n")
    for args in ([], ["--format", "jsonl"], ["--glob", "*.php"]):
        out = tmp_path / ("out.jsonl" if args else "out")
        proc = run("batch", src, "-o", out, *args, "--report", tmp_path / "r.jsonl")
        assert proc.returncode == 1, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(
            "newsclean batch: no input files: nothing in "
        )
        globs = "*.php" if "--glob" in args else " ".join(DEFAULT_GLOBS)
        assert (
            f"matches {globs} (nor those names with .gz, .bz2, .xz or .zst); choose files with --glob"
            in lines[0]
        )
        assert not out.exists() and not (tmp_path / "r.jsonl").exists()  # nothing written


def test_a_jsonl_rerun_skips_when_nothing_changed(run, tmp_path):
    src, out = tmp_path / "crawl", tmp_path / "corpus.jsonl"
    corpus(src)
    assert run("batch", src, "-o", out, "-j", "1").returncode == 0
    first, stamp = out.read_bytes(), out.stat().st_mtime_ns

    again = run("batch", src, "-o", out, "-j", "1", "--report", tmp_path / "r1.jsonl")
    assert again.returncode == 0
    assert set(statuses(tmp_path / "r1.jsonl").values()) == {"skipped"}
    assert "0 cleaned, 3 skipped" in again.stderr
    assert out.read_bytes() == first and out.stat().st_mtime_ns == stamp  # left alone

    # Any change redoes the whole file: an input touched, added or removed, other options, --force.
    rain = src / "news" / "rain.html"
    os.utime(rain, ns=(rain.stat().st_atime_ns, rain.stat().st_mtime_ns + 1_000_000_000))
    changes = [
        ("touched", lambda: None, []),
        (
            "added",
            lambda: (src / "news" / "hail.txt").write_text(ARTICLE.replace("Storm", "Hail")),
            [],
        ),
        ("removed", lambda: (src / "news" / "hail.txt").unlink(), []),
        ("options", lambda: None, ["--favor", "precision"]),
        ("forced", lambda: None, ["--favor", "precision", "--force"]),
    ]
    for name, change, args in changes:
        change()
        proc = run(
            "batch", src, "-o", out, "-j", "1", "--report", tmp_path / f"{name}.jsonl", *args
        )
        assert proc.returncode == 0
        assert set(statuses(tmp_path / f"{name}.jsonl").values()) == {"cleaned"}, name
    assert out.read_bytes() == first  # the same pages give the same records
    # The output itself edited by hand: redone.
    out.write_bytes(b"")
    proc = run(
        "batch",
        src,
        "-o",
        out,
        "-j",
        "1",
        "--favor",
        "precision",
        "--report",
        tmp_path / "edited.jsonl",
    )
    assert set(statuses(tmp_path / "edited.jsonl").values()) == {"cleaned"}
    assert out.read_bytes() == first


def test_a_jsonl_run_with_a_failure_is_redone_next_time(run, tmp_path):
    src, out = tmp_path / "crawl", tmp_path / "corpus.jsonl"
    corpus(src)
    (src / "empty.txt").write_text("")
    assert run("batch", src, "-o", out, "-j", "1").returncode == 1
    proc = run("batch", src, "-o", out, "-j", "1", "--report", tmp_path / "r.jsonl")
    assert proc.returncode == 1
    assert statuses(tmp_path / "r.jsonl") == {
        "empty.txt": "failed",
        "wind.txt.gz": "cleaned",
        "news/rain.html": "cleaned",
        "news/storm.txt": "cleaned",
    }
