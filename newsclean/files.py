"""Reading inputs and writing outputs safely: clear errors, atomic writes, inputs never touched."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Iterator

from newsclean.errors import InputError, InputIsDirectory, InputNotFound, InputPermission, InputTooLarge

#: What to do about an input over the size limit (the default named, as ``--help`` does).
def read_input(path: str, max_bytes: int = 0) -> bytes:
    """Read a file (``-`` for standard input) as bytes, with one-line errors.

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
        return data
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if max_bytes and size > max_bytes:
                raise InputTooLarge(f"input is {size:,} bytes, over the limit of {max_bytes:,}")
            return handle.read()
    except FileNotFoundError:
        raise InputNotFound("no such file", "check the path") from None
    except IsADirectoryError:
        raise InputIsDirectory("is a directory, not a file",
                         "use 'newsclean batch DIR -o OUT_DIR' for directories") from None
    except PermissionError:
        raise InputPermission("permission denied", "check the file's read permission") from None
    except OSError as error:
        raise InputError(_os_message(error), "check the path") from None


def _os_message(error: OSError) -> str:
    return os.strerror(error.errno).lower() if error.errno else str(error)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w") -> Iterator[IO]:
    """Write to a temporary file beside *path* and rename it into place on success.

    An interrupted or failed write leaves any previous file at *path* intact and no
    half-written file behind.
    """
    target = Path(path)
    handle = tempfile.NamedTemporaryFile(
        mode, dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp", delete=False,
        **({"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}))
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


def is_disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, errno.EDQUOT)
