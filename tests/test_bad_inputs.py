"""The bad-input matrix: every kind of input a crawl leaves behind, through the installed command.

For each class of input the command either cleans it (status 0) or says in one line
on stderr which file is wrong and what to do (status 1), and in both cases: no
traceback, no partial output, the input untouched. docs/robustness.md is this
table in prose; keep the two together.

Symbolic link loops and file names that are not UTF-8 only occur when walking a
directory: ``test_batch.py::test_symlink_loops_and_undecodable_file_names``.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import re
import shlex
import subprocess
import tarfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import newsclean_command

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
PROSE = (
    "Schools across the region were closed on Monday after the storm brought down power lines, "
    "officials said in a statement. "
)
ARTICLE = f"Storm closes schools\n\n{PROSE * 2}\n\n{PROSE}\n"
GERMAN = (
    "Die Straßenbahn fährt wieder über die Brücke, sagte der Bürgermeister am Dienstag in München. "
    * 6
    + "\n\n"
    + (
        "Die Arbeiten an den Gleisen haben länger gedauert als geplant, weil im Frühjahr Schäden "
        "gefunden wurden, die erst repariert werden mussten. "
    )
    * 6
)
#: The remedies the messages give, by kind of problem.
EMPTY_REMEDY = "check the scraper wrote the file"
BINARY_REMEDY = "convert the file to text first"
CORRUPT_REMEDY = "check the file or decompress it by hand"
LIMIT_REMEDY = "raise the limit with --max-bytes (default 20,000,000; 0: no limit)"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.txt", ARTICLE)
    return buffer.getvalue()


def _with_stray_byte(text: str) -> bytes:
    """UTF-8 with one byte that is not (0xff) in the middle of a line."""
    data = text.encode("utf-8")
    middle = data.index(b" ", len(data) // 2)
    return data[:middle] + b"\xff" + data[middle:]


def _deep_html() -> bytes:
    depth = 100_000
    return (
        b"<html><head><title>Deep</title></head><body>"
        + b"<div>" * depth
        + f"<p>{PROSE * 2}</p>".encode()
        + b"</div>" * depth
        + b"</body></html>"
    )


@dataclass
class Case:
    """One class of bad input: how to make it, and what newsclean must do with it."""

    name: str
    #: The file's bytes; or a function that makes the input at the given path.
    content: bytes | Callable[[Path], None]
    status: int
    #: Words of the one-line error (status 1), or None when the input is cleaned.
    message: str | None = None
    remedy: str | None = None
    args: tuple[str, ...] = ()
    #: Checks of a cleaned input's JSON document.
    check: Callable[[dict], None] | None = None
    #: Seconds the command may take.
    budget: float = 60.0
    skip: str | None = None
    suffix: str = ".txt"
    marks: list = field(default_factory=list)


def _corrupt(data: bytes) -> bytes:
    """Compressed *data* with bytes in the middle of the stream overwritten."""
    middle = len(data) // 2
    return data[:middle] + bytes(16) + data[middle + 16 :]


def _bomb() -> bytes:
    """A 1 GB gzip bomb of about 1 MB: the same member of 10 MB of zeros a hundred times."""
    return gzip.compress(b"\x00" * 10_000_000, compresslevel=9) * 100


BOMB = _bomb()


def _tar_gz() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("page.txt")
        info.size = len(ARTICLE.encode())
        archive.addfile(info, io.BytesIO(ARTICLE.encode()))
    return buffer.getvalue()


def _storm(doc: dict) -> None:
    assert doc["title"] == "Storm closes schools" and doc["body"].startswith("Schools across")
    assert doc["body"].count("power lines") == 3


def _utf8_replaced(doc: dict) -> None:
    assert doc["encoding"]["name"] == "utf-8" and doc["encoding"]["method"] == "utf-8-replaced"
    assert doc["encoding"]["replacements"] == 1
    assert doc["body"].count("\ufffd") == 1 and "Bürgermeister" in doc["body"]


def _utf16(name: str) -> Callable[[dict], None]:
    def check(doc: dict) -> None:
        assert doc["encoding"]["name"] == name and doc["encoding"]["method"] == "nul-pattern"
        assert doc["title"] == "Storm closes schools" and doc["body"].startswith("Schools across")

    return check


def _stray_nul(doc: dict) -> None:
    assert {"code": "nul-removed", "message": "1 NUL character removed from the input"} in doc[
        "warnings"
    ]
    assert "power lines" in doc["body"] and "\x00" not in doc["body"]


def _long_line(doc: dict) -> None:
    assert doc["stats"]["characters_in"] == 10_000_000


def _deep(doc: dict) -> None:
    assert doc["body"] == PROSE.strip() + " " + PROSE.strip()


def _unreadable(path: Path) -> None:
    path.write_text(ARTICLE)
    path.chmod(0)


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "page.txt").write_text(ARTICLE)


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)  # the size is refused before a byte is read

    return make


CASES = [
    Case("empty file", b"", 1, "input is empty", EMPTY_REMEDY),
    Case("whitespace only", b" \n\t\r\n  \n", 1, "input is only white space", EMPTY_REMEDY),
    Case(
        "PDF",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        1,
        "input is a PDF document, not text",
        BINARY_REMEDY,
    ),
    Case(
        "PNG",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        1,
        "input is a PNG image, not text",
        BINARY_REMEDY,
    ),
    Case("gzip", gzip.compress(ARTICLE.encode()), 0, check=_storm, suffix=".txt.gz"),
    Case("gzip named .txt", gzip.compress(ARTICLE.encode()), 0, check=_storm),
    Case("bzip2", bz2.compress(ARTICLE.encode()), 0, check=_storm, suffix=".txt.bz2"),
    Case("xz", lzma.compress(ARTICLE.encode()), 0, check=_storm, suffix=".txt.xz"),
    Case(
        "gzip of gzip",
        gzip.compress(gzip.compress(ARTICLE.encode())),
        0,
        check=_storm,
        suffix=".txt.gz.gz",
    ),
    Case(
        "truncated gzip",
        gzip.compress(ARTICLE.encode())[:-6],
        1,
        "corrupt gzip data: the file ends early (truncated)",
        CORRUPT_REMEDY,
        suffix=".txt.gz",
    ),
    Case(
        "corrupt gzip",
        _corrupt(gzip.compress((PROSE * 50).encode())),
        1,
        "corrupt gzip data: ",
        CORRUPT_REMEDY,
        suffix=".txt.gz",
    ),
    Case(
        "corrupt bzip2",
        _corrupt(bz2.compress((PROSE * 50).encode())),
        1,
        "corrupt bzip2 data: ",
        CORRUPT_REMEDY,
        suffix=".txt.bz2",
    ),
    Case(
        "truncated xz",
        lzma.compress(ARTICLE.encode())[:-20],
        1,
        "corrupt xz data: the file ends early (truncated)",
        CORRUPT_REMEDY,
        suffix=".txt.xz",
    ),
    Case(
        "gzip bomb over --max-bytes",
        BOMB,
        1,
        "input decompresses to over the limit of 1,000,000 bytes",
        LIMIT_REMEDY,
        args=("--max-bytes", "1000000"),
        suffix=".html.gz",
    ),
    Case(
        "gzip bomb over the default size limit",
        BOMB,
        1,
        "input decompresses to over the limit of 20,000,000 bytes",
        LIMIT_REMEDY,
        suffix=".html.gz",
    ),
    Case(
        "gzip of a PDF",
        gzip.compress(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        1,
        "input is a PDF document, not text",
        BINARY_REMEDY,
        suffix=".pdf.gz",
    ),
    Case(
        "tar.gz", _tar_gz(), 1, "input is a tar archive, not text", BINARY_REMEDY, suffix=".tar.gz"
    ),
    Case("ZIP", _zip(), 1, "input is a ZIP archive, not text", BINARY_REMEDY),
    Case(
        "ELF",
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
        1,
        "input is an ELF executable, not text",
        BINARY_REMEDY,
    ),
    Case(
        "NUL bytes in binary data",
        b"text\x00\x01\x02binary\x00\x00\xff" * 20,
        1,
        "input contains NUL bytes, so it is binary, not text",
        BINARY_REMEDY,
    ),
    Case(
        "a stray NUL byte in text",
        ARTICLE.replace("power lines", "power\x00 lines", 1).encode(),
        0,
        check=_stray_nul,
    ),
    Case(
        "invalid UTF-8 in the middle",
        _with_stray_byte(f"Neue Brücke für München\n\n{GERMAN}\n"),
        0,
        check=_utf8_replaced,
    ),
    Case("UTF-16 LE without BOM", ARTICLE.encode("utf-16-le"), 0, check=_utf16("utf-16-le")),
    Case("UTF-16 BE without BOM", ARTICLE.encode("utf-16-be"), 0, check=_utf16("utf-16-be")),
    Case("10 MB on one line", b"word " * 2_000_000, 0, check=_long_line, budget=30.0),
    Case(
        "over --max-bytes",
        ARTICLE.encode() * 20,
        1,
        "bytes, over the limit of 1,000",
        LIMIT_REMEDY,
        args=("--max-bytes", "1000"),
    ),
    Case(
        "over the default size limit",
        _sparse(20_000_001),
        1,
        "input is 20,000,001 bytes, over the limit of 20,000,000",
        LIMIT_REMEDY,
    ),
    Case("HTML nested 100,000 deep", _deep_html(), 0, check=_deep, budget=30.0, suffix=".html"),
    Case(
        "unreadable file",
        _unreadable,
        1,
        "permission denied",
        "check the file's read permission",
        skip="root reads a file whatever its permissions" if IS_ROOT else None,
    ),
    Case(
        "a directory",
        _directory,
        1,
        "is a directory, not a file",
        "use 'newsclean batch DIR -o OUT_DIR'",
        suffix="",
    ),
]


def _make(case: Case, tmp_path: Path) -> Path:
    path = tmp_path / f"in put{case.suffix}"  # a space, as file names from the web have
    if callable(case.content):
        case.content(path)
    else:
        path.write_bytes(case.content)
    return path


def _snapshot(path: Path) -> dict[str, tuple[bytes, int]]:
    paths = [path] if path.is_file() else sorted(path.rglob("*"))
    return {
        str(p): (p.read_bytes() if os.access(p, os.R_OK) else b"", p.stat().st_mtime_ns)
        for p in paths
    }


def _assert_one_line_error(proc, path: Path, case: Case, json_output: bool = False) -> None:
    if json_output:
        # --format json: standard output holds the input's error object, nothing else
        item = json.loads(proc.stdout)
        assert set(item) == {"schema_version", "source", "error"} and item["source"] == str(path)
        assert case.message in item["error"]["message"] and case.remedy in item["error"]["message"]
    else:
        assert proc.stdout == b"", "no partial output"
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"newsclean: {path}: "), lines[0]
    assert case.message in lines[0] and case.remedy in lines[0], lines[0]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_clean(run, tmp_path, case, validate):
    if case.skip:
        pytest.skip(case.skip)
    path = _make(case, tmp_path)
    before = _snapshot(path)
    started = time.monotonic()
    proc = run("clean", "--format", "json", *case.args, path)
    assert time.monotonic() - started < case.budget
    assert proc.returncode == case.status, proc.stderr
    assert "Traceback" not in proc.stderr
    if case.message is None:
        assert proc.stderr == ""
        doc = json.loads(proc.stdout)
        validate(doc, "document")
        case.check(doc)
    else:
        _assert_one_line_error(proc, path, case, json_output=True)
        validate(json.loads(proc.stdout), "error")
    assert _snapshot(path) == before, "the input is never touched"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name], "nothing written beside it"


@pytest.mark.parametrize("command", ["diff", "detect", "repair"])
@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name) for c in CASES if c.message and not c.skip]
)
def test_other_commands_say_the_same(run, tmp_path, case, command):
    path = _make(case, tmp_path)
    proc = run(command, *case.args, path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    _assert_one_line_error(proc, path, case)


def test_several_inputs_one_bad_keeps_the_others(run, tmp_path):
    good, bad, out = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "out.txt"
    good.write_text(ARTICLE)
    bad.write_bytes(b"%PDF-1.7\n")
    proc = run("clean", good, bad, "-o", out)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"newsclean: {bad}: input is a PDF document, not text "
        f"(newsclean reads text and HTML; {BINARY_REMEDY})"
    ]
    assert "power lines" in out.read_text()  # what could be cleaned is written
    out.write_text("previous")
    proc = run("clean", bad, tmp_path / "missing.txt", "-o", out)
    assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 2
    assert out.read_text() == "previous"  # nothing could be: the previous output stays
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


# ----------------------------------------------------------------------------- outputs
@pytest.mark.parametrize(
    "where, message",
    [
        ("under a file", "not a directory (a part of the path is a file, not a directory)"),
        ("missing directory", "no such file or directory (create the directory first)"),
        ("read-only directory", "permission denied (check the directory's write permission)"),
    ],
)
def test_unwritable_output(run, tmp_path, where, message):
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE)
    if where == "under a file":
        (tmp_path / "file").write_text("x")
        out = tmp_path / "file" / "out.txt"
    elif where == "missing directory":
        out = tmp_path / "missing" / "out.txt"
    else:
        if IS_ROOT:
            pytest.skip("root writes into a directory whatever its permissions")
        (tmp_path / "ro").mkdir()
        (tmp_path / "ro").chmod(0o500)
        out = tmp_path / "ro" / "out.txt"
    proc = run("clean", page, "-o", out)
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.splitlines() == [
        f"newsclean: cannot write {out}: {message}; any previous {out} is unchanged"
    ]
    assert page.read_text() == ARTICLE


def _big_page(path: Path, paragraphs: int = 3000) -> None:
    path.write_text(
        "Storm closes schools\n\n"
        + "".join(
            f"{PROSE}This is paragraph {n} of the report, and it says something new.\n\n"
            for n in range(paragraphs)
        )
    )


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_a_write_that_fails_half_way_keeps_the_previous_output(tmp_path):
    big = tmp_path / "big.txt"
    _big_page(big)
    out = tmp_path / "out.txt"
    out.write_text("previous output\n")
    exe = shlex.join(newsclean_command())
    # ulimit -f counts 1024-byte blocks in bash: the output (about 600 kB) stops at 8 kB.
    proc = _shell(f"ulimit -f 8; {exe} clean big.txt -o out.txt", tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.decode().splitlines() == [
        "newsclean: cannot write out.txt: file too large (the file size limit was reached: raise ulimit -f "
        "or write elsewhere); any previous out.txt is unchanged"
    ]
    assert out.read_text() == "previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "big.txt",
        "out.txt",
    ]  # no temporary file left
    # Standard output redirected to a file that hits the limit: one line too, not a crash.
    proc = _shell(f"ulimit -f 8; {exe} clean big.txt > redirected.txt", tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == [
        "newsclean: cannot write standard output: file too large (the file size limit was reached: "
        "raise ulimit -f or write elsewhere)"
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("clean",),
        ("clean", "--format", "json"),
        ("diff",),
        ("diff", "--color"),
        ("diff", "--side-by-side", "--width", "120"),
        ("repair",),
    ],
)
def test_closed_pipe_ends_quietly(tmp_path, args):
    big = tmp_path / "big.txt"
    _big_page(big)
    exe = shlex.join(newsclean_command())
    proc = _shell(f"{exe} {shlex.join(args)} big.txt | head -1; exit ${{PIPESTATUS[0]}}", tmp_path)
    assert proc.stdout.count(b"\n") == 1
    assert proc.stderr == b"", proc.stderr  # no "Broken pipe", no traceback
    assert proc.returncode == 1  # the output was not all delivered


# ----------------------------------------------------------------------------- terminal escapes
ESCAPES = "\x1b]0;owned\x07 \x1b[2J \x1b[31m \x9b6n"
ESCAPED = ["\\x1b]0;owned\\x07", "\\x1b[2J", "\\x1b[31m", "\\x9b6n"]
#: In a page's text a lone C1 control such as U+009B is undone as mojibake (it is "›" in cp1252).
ESCAPED_IN_TEXT = ESCAPED[:3]
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours diff itself writes


@pytest.mark.parametrize(
    "mode",
    [
        (),
        ("--color",),
        ("--side-by-side", "--width", "140"),
        ("--color", "--side-by-side", "--width", "140"),
    ],
)
def test_escape_sequences_in_input_are_escaped_by_diff(run, tmp_path, mode):
    page = tmp_path / "page.txt"
    page.write_text(
        f"Storm {ESCAPES} closes schools\n\nSkip to content {ESCAPES}\n\n{PROSE}{ESCAPES}\n\n{PROSE}\n"
    )
    proc = run("diff", *mode, page)
    assert proc.returncode == 0
    shown = proc.stdout.decode()
    plain = SGR.sub("", shown)
    assert not any(ch in plain for ch in "\x1b\x07\x9b"), repr(plain)
    for escaped in ESCAPED_IN_TEXT:
        assert escaped in plain
    if "--color" not in mode:
        assert shown == plain


def test_escape_sequences_in_names_are_escaped_in_errors(run, tmp_path):
    evil = tmp_path / f"page{ESCAPES}.txt"
    evil.write_bytes(b"")
    proc = run("clean", evil)
    assert proc.returncode == 1 and len(proc.stderr.splitlines()) == 1
    assert not any(ch in proc.stderr for ch in "\x1b\x07\x9b")
    assert all(escaped in proc.stderr for escaped in ESCAPED)
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE)
    for args in (
        ("-o", tmp_path / f"no{ESCAPES}dir" / "out.txt"),
        ("--rules", tmp_path / f"rules{ESCAPES}"),
    ):
        proc = run("clean", *args, page)
        assert proc.returncode in (1, 2) and "Traceback" not in proc.stderr
        assert not any(ch in proc.stderr for ch in "\x1b\x07\x9b"), repr(proc.stderr)
