"""Reading inputs and writing outputs safely: clear errors, atomic writes, inputs never touched."""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Iterator
from typing import IO

from newsclean.errors import (
    CorruptInput,
    InputError,
    InputIsDirectory,
    InputNotFound,
    InputPermission,
    InputTooLarge,
)

#: Compressed formats read transparently, by their first bytes: (name, magic, file suffix).
COMPRESSIONS = (
    ("gzip", b"\x1f\x8b", ".gz"),
    ("bzip2", b"BZh", ".bz2"),
    ("xz", b"\xfd7zXZ\x00", ".xz"),
    ("zstd", b"(\xb5/\xfd", ".zst"),
)
#: File name suffixes of the compressed formats.
COMPRESSED_SUFFIXES = tuple(suffix for _, _, suffix in COMPRESSIONS)
#: Bytes read from a compressed stream at a time (so a limit stops a bomb early).
_CHUNK = 1 << 16
#: Layers of compression undone at most (``.gz`` of a ``.gz``).
_MAX_LAYERS = 3

#: File names read as archives or record files rather than as one page (case-insensitive).
ARCHIVE_SUFFIXES = {
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc": "arc",
    ".arc.gz": "arc",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson": "jsonl",
    ".ndjson.gz": "jsonl",
}
#: Globs a batch picks up for them (besides the pages of :data:`newsclean.batch.DEFAULT_GLOBS`).
ARCHIVE_GLOBS = tuple(f"*{suffix}" for suffix in ARCHIVE_SUFFIXES)


def compression_of(head: bytes) -> str | None:
    r"""The compression format whose magic bytes *head* starts with, or ``None``.

    >>> compression_of(b"\x1f\x8b\x08\x00"), compression_of(b"BZh91AY&SY"), compression_of(b"<html>")
    ('gzip', 'bzip2', None)
    >>> compression_of(b"BZh, said the sign")
    """
    for name, magic, _ in COMPRESSIONS:
        if head.startswith(magic):
            # "BZh" can begin a line of text: bzip2 also needs its level digit and the
            # magic of a first block (or of the end, for an empty stream).
            if name == "bzip2" and not (
                head[3:4].isdigit() and head[4:10] in (b"1AY&SY", b"\x17rE8P\x90")
            ):
                return None
            return name
    return None


def strip_compression_suffix(name: str) -> str:
    """*name* without a compression suffix (``page.html.gz`` → ``page.html``).

    >>> strip_compression_suffix("page.html.GZ"), strip_compression_suffix("page.html")
    ('page.html', 'page.html')
    """
    return strip_suffix(name, COMPRESSED_SUFFIXES)


def strip_suffix(name: str, suffixes) -> str:
    """*name* without the longest of *suffixes* it ends with (case-insensitive), if any is left.

    >>> strip_suffix("crawl.WARC.gz", (".gz", ".warc.gz")), strip_suffix(".gz", (".gz",))
    ('crawl', '.gz')
    """
    lower = name.lower()
    for suffix in sorted(suffixes, key=len, reverse=True):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def read_input(path: str, max_bytes: int = 0) -> bytes:
    """Read a file (``-`` for standard input) as bytes, with one-line errors.

    gzip, bzip2, xz and zstd data (recognised by their first bytes, whatever the
    name) are decompressed; *max_bytes* limits both the file and what it
    decompresses to, and decompression stops as soon as it is over.

    >>> read_input("/nonexistent/page.txt")
    Traceback (most recent call last):
    ...
    newsclean.errors.InputNotFound: no such file (check the path)
    """
    if path == "-":
        stream = sys.stdin.buffer
        data = stream.read(max_bytes + 1) if max_bytes else stream.read()
        if max_bytes and len(data) > max_bytes:
            raise InputTooLarge(f"input is over the limit of {max_bytes:,} bytes")
        return decompress(data, max_bytes)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if max_bytes and size > max_bytes:
                raise InputTooLarge(f"input is {size:,} bytes, over the limit of {max_bytes:,}")
            data = handle.read()
    except FileNotFoundError:
        raise InputNotFound("no such file", "check the path") from None
    except IsADirectoryError:
        raise InputIsDirectory(
            "is a directory, not a file", "use 'newsclean batch DIR -o OUT_DIR' for directories"
        ) from None
    except PermissionError:
        raise InputPermission("permission denied", "check the file's read permission") from None
    except OSError as error:
        raise InputError(os_message(error), "check the path") from None
    return decompress(data, max_bytes)


def decompress(data: bytes, max_bytes: int = 0) -> bytes:
    """*data* decompressed when it is gzip, bzip2, xz or zstd data; otherwise *data* itself.

    Stops with :class:`~newsclean.errors.InputTooLarge` as soon as the output is over
    *max_bytes* (0: no limit), so a small bomb cannot fill the memory; corrupt or cut
    data is a :class:`~newsclean.errors.CorruptInput`.

    >>> import gzip
    >>> decompress(gzip.compress(b"Hello")), decompress(b"Hello")
    (b'Hello', b'Hello')
    >>> decompress(gzip.compress(b"Hello")[:-4])
    Traceback (most recent call last):
    ...
    newsclean.errors.CorruptInput: corrupt gzip data: the file ends early (truncated); check the file or decompress it by hand
    """
    for _ in range(_MAX_LAYERS):  # a .gz of a .gz is read too
        kind = compression_of(data[:10])
        if kind is None:
            break
        data = _decompress_one(kind, data, max_bytes)
    return data


def _decompress_one(kind: str, data: bytes, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    errors: tuple[type[BaseException], ...] = (EOFError, *_errors(kind))
    try:
        for chunk in _decompressed_chunks(kind, data):
            total += len(chunk)
            if max_bytes and total > max_bytes:
                raise InputTooLarge(f"input decompresses to over the limit of {max_bytes:,} bytes")
            chunks.append(chunk)
    except errors as error:
        raise CorruptInput(
            f"corrupt {kind} data: {_corruption(error)}; check the file or decompress it by hand"
        ) from None
    return b"".join(chunks)


def _errors(kind: str) -> tuple[type[BaseException], ...]:
    """The exceptions the decompressor of *kind* raises on corrupt data."""
    if kind == "gzip":
        import gzip
        import zlib

        return gzip.BadGzipFile, zlib.error
    if kind == "bzip2":
        return (OSError,)
    if kind == "xz":
        import lzma

        return (lzma.LZMAError,)
    return (_zstd().ZstdError,)


def _decompressed_chunks(kind: str, data: bytes) -> Iterator[bytes]:
    """*data* decompressed, a piece at a time (every member or stream, one after another)."""
    if kind == "zstd":
        yield from _zstd_chunks(data)
        return
    source = io.BytesIO(data)
    if kind == "gzip":
        import gzip

        reader: IO[bytes] = gzip.GzipFile(fileobj=source, mode="rb")  # type: ignore[assignment]
    elif kind == "bzip2":
        import bz2

        reader = bz2.BZ2File(source, "rb")
    else:
        import lzma

        reader = lzma.LZMAFile(source, "rb")
    while chunk := reader.read(_CHUNK):
        yield chunk


def _zstd():
    """The zstd module: the standard library's (Python 3.14) or the zstandard package."""
    try:
        from compression import zstd  # type: ignore[import-not-found]

        return zstd
    except ImportError:
        pass
    try:
        import zstandard
    except ImportError:
        raise InputError(
            "input is zstd-compressed, and reading it needs the zstandard package",
            "pip install 'newsclean[zstd]', or decompress it with unzstd first",
        ) from None
    return zstandard


def _zstd_chunks(data: bytes) -> Iterator[bytes]:
    """zstd frames decompressed one after another, fed a little at a time.

    A small piece of input bounds what one step can produce (a block of at most 128 KiB
    takes a few bytes), so a limit on the output stops a bomb early; a frame still
    open at the end of the data is a truncated file.
    """
    zstd = _zstd()
    step = 1024
    rest = data
    while rest:
        frame = (
            zstd.ZstdDecompressor()
            if zstd.__name__ == "compression.zstd"
            else zstd.ZstdDecompressor().decompressobj()
        )
        position = 0
        while not frame.eof and position < len(rest):
            yield frame.decompress(rest[position : position + step])
            position += step
        if not frame.eof:
            raise EOFError("truncated")
        rest = frame.unused_data + rest[position:]


def _corruption(error: BaseException) -> str:
    """What is wrong with compressed data, in a few words, from the decompressor's error."""
    text = str(error)
    if isinstance(error, EOFError) or "ended before" in text or "truncated" in text.lower():
        return "the file ends early (truncated)"
    if "CRC check failed" in text or "checksum" in text.lower():
        return "checksum mismatch"
    if "Not a gzipped file" in text:
        return "unexpected bytes after the compressed data"
    text = re.sub(r"^(Error -?\d+ while decompressing data|zstd decompressor error): ", "", text)
    return text.rstrip(".").lower() or type(error).__name__


def os_message(error: OSError) -> str:
    return os.strerror(error.errno).lower() if error.errno else str(error)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w") -> Iterator[IO]:
    """Write to a temporary file beside *path* and rename it into place on success.

    An interrupted or failed write leaves any previous file at *path* intact and no
    half-written file behind.
    """
    import tempfile  # here: most runs write no file, and start-up matters
    from pathlib import Path

    target = Path(path)
    text = "b" not in mode
    handle = tempfile.NamedTemporaryFile(
        mode,
        dir=str(target.parent or "."),
        prefix=f".{target.name}.",
        suffix=".tmp",
        delete=False,
        encoding="utf-8" if text else None,
        newline="\n" if text else None,
    )
    try:
        os.chmod(handle.name, 0o666 & ~_umask())  # as open() would create it, not 0600
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when *a* and *b* name the same existing file (hard links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def archive_kind(path: str) -> str | None:
    """``warc``, ``arc`` or ``jsonl`` for a file of records (by its name), else None.

    >>> archive_kind("CC-MAIN-1.warc.gz"), archive_kind("docs.JSONL"), archive_kind("page.html")
    ('warc', 'jsonl', None)
    """
    name = os.path.basename(path).lower()
    for suffix, kind in ARCHIVE_SUFFIXES.items():
        if name.endswith(suffix):
            return kind
    return None


def archive_stem(name: str) -> str:
    """The name without its archive suffix: ``crawl.warc.gz`` → ``crawl``.

    >>> archive_stem("crawl.warc.gz"), archive_stem("docs.jsonl")
    ('crawl', 'docs')
    """
    return strip_suffix(name, ARCHIVE_SUFFIXES)
