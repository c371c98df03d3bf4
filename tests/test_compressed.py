"""Compressed inputs (gzip, bzip2, xz, zstd): read like the plain file by every command.

The bad cases (truncated, corrupt, bombs, a tar archive) are in the bad-input matrix,
``test_bad_inputs.py``; here the good ones give exactly what the plain file gives.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from conftest import SAMPLES

from newsclean.errors import CorruptInput, InputTooLarge
from newsclean.io.files import decompress

SAMPLE = SAMPLES / "000_327f9b9f446e87e2.txt"
COMPRESSORS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


def _zstd_compress(data: bytes) -> bytes:
    zstandard = pytest.importorskip(
        "zstandard", reason="zstd inputs need the zstandard package (newsclean[zstd])"
    )
    return zstandard.ZstdCompressor().compress(data)


@pytest.fixture(params=[".gz", ".bz2", ".xz", ".zst"])
def compressed(request, tmp_path) -> Path:
    """The sample page, compressed, under its name plus the compression suffix."""
    data = SAMPLE.read_bytes()
    packed = _zstd_compress(data) if request.param == ".zst" else COMPRESSORS[request.param](data)
    path = tmp_path / (SAMPLE.name + request.param)
    path.write_bytes(packed)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("clean",),
        ("clean", "-f", "json"),
        ("repair",),
        ("detect", "--json"),
        ("diff", "--no-color"),
    ],
)
def test_every_command_reads_a_compressed_file_as_the_plain_one(run, compressed, args):
    plain = run(*args, SAMPLE)
    packed = run(*args, compressed)
    assert plain.returncode == packed.returncode == 0, packed.stderr
    assert packed.stderr == ""
    # Only the file name differs (the JSON "source", detect's "file").
    assert packed.stdout.replace(str(compressed).encode(), b"FILE") == plain.stdout.replace(
        str(SAMPLE).encode(), b"FILE"
    )
    assert len(packed.stdout) > 100


def test_compression_is_recognised_by_its_bytes_not_its_name(run, tmp_path):
    misnamed = tmp_path / "page.html"
    misnamed.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    expected = run("clean", SAMPLE).stdout
    assert run("clean", misnamed).stdout == expected
    from_stdin = run("clean", input=bz2.compress(SAMPLE.read_bytes()))
    assert from_stdin.returncode == 0 and from_stdin.stdout == expected


def test_corrupt_data_on_stdin_is_one_line(run):
    proc = run("clean", input=gzip.compress(SAMPLE.read_bytes())[:-10])
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.strip() == (
        "newsclean: <stdin>: corrupt gzip data: the file ends early (truncated); "
        "check the file or decompress it by hand"
    )


def test_decompression_stops_at_the_limit():
    """A 1 GB bomb against a 5 MB limit: refused, and memory stays near the limit."""
    bomb = gzip.compress(bytes(10_000_000), compresslevel=9) * 100
    tracemalloc.start()
    try:
        with pytest.raises(
            InputTooLarge, match="decompresses to over the limit of 5,000,000 bytes"
        ):
            decompress(bomb, max_bytes=5_000_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert (
        len(decompress(bomb[: len(bomb) // 100], max_bytes=10_000_000)) == 10_000_000
    )  # one member: at the limit


def test_concatenated_members_are_all_read():
    parts = [b"first part\n", b"second part\n"]
    assert decompress(b"".join(gzip.compress(p) for p in parts)) == b"".join(parts)
    assert decompress(b"".join(bz2.compress(p) for p in parts)) == b"".join(parts)
    assert decompress(b"".join(lzma.compress(p) for p in parts)) == b"".join(parts)


def test_zstd_frames_truncation_and_corruption():
    data = SAMPLE.read_bytes()
    packed = _zstd_compress(data)
    assert decompress(packed + packed) == data + data
    with pytest.raises(CorruptInput, match="corrupt zstd data: the file ends early"):
        decompress(packed[:-8])
    with pytest.raises(InputTooLarge):
        decompress(packed, max_bytes=1000)


def test_zstd_without_its_package_names_the_extra():
    """Without zstandard (and before Python 3.14), a zstd input says what to install."""
    code = (
        "import sys; sys.modules['zstandard'] = None; sys.modules['compression'] = None\n"
        "from newsclean.errors import InputError\n"
        "from newsclean.io.files import decompress\n"
        "try:\n    decompress(b'(\\xb5/\\xfd' + bytes(20))\nexcept InputError as error:\n    print(error)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == (
        "input is zstd-compressed, and reading it needs the zstandard package "
        "(pip install 'newsclean[zstd]', or decompress it with unzstd first)"
    )


# ---------------------------------------------------------------------------- batch


def test_batch_picks_up_compressed_pages_and_names_outputs_without_the_suffix(run, tmp_path):
    src, out = tmp_path / "crawl", tmp_path / "clean"
    (src / "a").mkdir(parents=True)
    data = SAMPLE.read_bytes()
    (src / "a" / "page.html.gz").write_bytes(gzip.compress(data))
    (src / "a" / "other.txt.bz2").write_bytes(bz2.compress(data))
    (src / "a" / "plain.txt").write_bytes(data)
    (src / "a" / "notes.pdf.gz").write_bytes(
        gzip.compress(b"%PDF-1.7\n")
    )  # no default glob takes .pdf
    proc = run("batch", src, "-o", out, "--report", tmp_path / "report.jsonl", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    outputs = sorted(
        str(p.relative_to(out))
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )
    assert outputs == ["a/other.txt", "a/page.txt", "a/plain.txt"]
    texts = {(out / name).read_bytes() for name in outputs}
    assert len(texts) == 1 and texts == {run("clean", SAMPLE).stdout}
    records = [json.loads(line) for line in (tmp_path / "report.jsonl").read_text().splitlines()]
    assert {r["id"]: r["output"] for r in records} == {
        "a/other.txt.bz2": "a/other.txt",
        "a/page.html.gz": "a/page.txt",
        "a/plain.txt": "a/plain.txt",
    }

    again = run("batch", src, "-o", out, "--report", tmp_path / "again.jsonl", "-j", "1")
    assert again.returncode == 0
    assert {
        json.loads(line)["status"] for line in (tmp_path / "again.jsonl").read_text().splitlines()
    } == {"skipped"}


def test_batch_reports_a_corrupt_archive_and_goes_on(run, tmp_path):
    src, out = tmp_path / "crawl", tmp_path / "clean"
    src.mkdir()
    (src / "good.txt.gz").write_bytes(gzip.compress(SAMPLE.read_bytes()))
    (src / "cut.txt.gz").write_bytes(gzip.compress(SAMPLE.read_bytes())[:200])
    proc = run("batch", src, "-o", out, "--report", tmp_path / "r.jsonl", "-j", "1")
    assert proc.returncode == 1
    records = {r["id"]: r for r in map(json.loads, (tmp_path / "r.jsonl").read_text().splitlines())}
    assert records["good.txt.gz"]["status"] == "cleaned"
    assert records["cut.txt.gz"]["status"] == "failed"
    assert records["cut.txt.gz"]["reason"] == (
        "corrupt gzip data: the file ends early (truncated); "
        "check the file or decompress it by hand"
    )
    assert "cut.txt.gz: corrupt gzip data" in proc.stderr


def test_the_library_reads_compressed_bytes_and_never_refuses_broken_ones():
    import newsclean

    data = SAMPLE.read_bytes()
    plain = newsclean.clean(data).to_dict()
    assert newsclean.clean(lzma.compress(data)).to_dict() == plain
    broken = newsclean.clean(
        gzip.compress(data)[:-10]
    )  # read as the bytes it is, as clean() does binary
    assert broken.to_dict() != plain
