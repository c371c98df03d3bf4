"""Reading inputs and writing outputs: one-line errors, atomic writes that never lose data."""

from __future__ import annotations

import errno

import pytest

from newsclean.errors import InputError, InputTooLarge
from newsclean.io.files import atomic_writer, read_input, same_file


def test_read_input_errors_are_one_line(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_input(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_input(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1000)
    with pytest.raises(InputTooLarge, match="1,000 bytes, over the limit of 100"):
        read_input(str(big), max_bytes=100)
    assert read_input(str(big), max_bytes=1000) == b"x" * 1000


def test_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("previous output")
    with pytest.raises(OSError) as caught, atomic_writer(target) as handle:
        handle.write("half of the new")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.errno == errno.ENOSPC
    assert target.read_text() == "previous output"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_interrupted_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(KeyboardInterrupt), atomic_writer(target) as handle:
        handle.write("partial")
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_successful_write_replaces_and_same_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with atomic_writer(target) as handle:
        handle.write("new\n")
    assert target.read_text() == "new\n"
    link = tmp_path / "link.txt"
    link.hardlink_to(target)
    assert same_file(link, target) and not same_file(target, tmp_path / "missing")


def test_cli_reports_an_unwritable_output(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    proc = run(
        "clean",
        "-o",
        blocker / "out.txt",
        input=b"Title\n\nSome text of the article that is long enough.\n",
    )
    assert proc.returncode == 1
    assert (
        proc.stderr.count("\n") == 1
        and "cannot write" in proc.stderr
        and "Traceback" not in proc.stderr
    )
