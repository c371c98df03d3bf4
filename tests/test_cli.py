"""The command line as a shell script uses it: stdin/stdout, formats, exit codes, errors."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest
from conftest import SAMPLES, newsclean_command

SAMPLE = SAMPLES / "000_327f9b9f446e87e2.txt"
ARTICLE = (
    "Storm closes schools\n\n"
    "Schools across the region were closed on Monday after the storm brought down power lines, "
    "officials said in a statement.\n"
)


def test_reads_stdin_and_writes_stdout(run):
    proc = run("clean", input=ARTICLE.encode())
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert out.startswith("Storm closes schools\n\n")
    assert "power lines" in out
    assert proc.stderr == ""


def test_dash_means_stdin(run):
    assert (
        run("clean", "-", input=ARTICLE.encode()).stdout
        == run("clean", input=ARTICLE.encode()).stdout
    )


def test_json_and_jsonl_formats(run, validate):
    doc = json.loads(run("clean", "--format", "json", input=ARTICLE.encode()).stdout)
    for key in (
        "title",
        "body",
        "paragraphs",
        "byline",
        "dateline",
        "date",
        "captions",
        "site_name",
        "encoding",
        "repairs",
        "removed",
        "stats",
    ):
        assert key in doc
    assert doc["encoding"]["method"] == "utf-8"
    validate(doc, "document")
    record = json.loads(run("clean", "--format", "jsonl", input=ARTICLE.encode()).stdout)
    validate(record, "jsonl_record")
    assert set(record) == {"id", "text", "metadata"}
    assert record["text"].startswith("Storm closes schools")


def test_decodes_legacy_bytes(run):
    proc = run("clean", input=ARTICLE.replace("Monday", "Montag für Köln").encode("cp1252"))
    assert proc.returncode == 0, proc.stderr
    assert "Montag für Köln" in proc.stdout.decode("utf-8")


def test_several_files_good_ones_still_processed(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    proc = run("clean", tmp_path / "missing.txt", good, tmp_path)
    assert proc.returncode == 1
    assert "power lines" in proc.stdout.decode()
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "missing.txt: no such file" in errors[0]
    assert "is a directory" in errors[1]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"  \n\t\n", "white space"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (gzip.compress(b"hello")[:-3], "corrupt gzip data"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"\x7fELF\x02\x01\x01\x00", "ELF"),
        (b"text\x00\x01\x02binary\x00\x00\xff", "NUL"),
    ],
)
def test_bad_input_is_one_line_error(run, tmp_path, content, message):
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    proc = run("clean", path)
    assert proc.returncode == 1
    assert proc.stdout == b""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and message in lines[0], proc.stderr
    assert path.read_bytes() == content  # never touched


def test_too_large_input(run, tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 10)
    proc = run("clean", "--max-bytes", "100", path)
    assert proc.returncode == 1 and "--max-bytes" in proc.stderr


def test_unreadable_file(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions")
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    proc = run("clean", path)
    assert proc.returncode == 1 and "permission denied" in proc.stderr


def test_usage_errors_exit_2(run):
    assert run("clean", "--format", "xml", input=b"x").returncode == 2
    assert run("clean", "--encoding", "no-such-codec", input=b"x").returncode == 2
    assert run("frobnicate").returncode == 2


def test_output_file_is_written_and_input_never_overwritten(run, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE)
    out = tmp_path / "out.txt"
    proc = run("clean", page, "-o", out)
    assert proc.returncode == 0 and proc.stdout == b""
    assert out.read_text().startswith("Storm closes schools")
    proc = run("clean", page, "-o", page)
    assert proc.returncode == 2 and "never overwrites" in proc.stderr
    assert page.read_text() == ARTICLE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt", "page.txt"]


def test_failed_run_keeps_previous_output(run, tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("previous")
    proc = run("clean", tmp_path / "missing.txt", "-o", out)
    assert proc.returncode == 1
    assert out.read_text() == "previous"  # every input failed: the old output stays
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_explain_lists_every_line(run):
    proc = run("clean", "--explain", SAMPLE)
    assert proc.returncode == 0
    rows = proc.stdout.decode().splitlines()
    non_blank = [line for line in SAMPLE.read_text().splitlines() if line.strip()]
    assert len(rows) == len(non_blank)
    assert any(" drop " in row for row in rows) and any(" keep " in row for row in rows)


def test_repair_command_keeps_every_line(run):
    raw = "Caf\u00c3\u00a9 au lait\nSkip to content\n\nplain line\n"
    proc = run("repair", input=raw.encode())
    assert proc.returncode == 0
    assert proc.stdout.decode() == "Café au lait\nSkip to content\n\nplain line\n"


def test_repair_command_decodes_any_encoding(run):
    text = "Москва - столица России.\nЭто тестовый текст на русском языке.\n" * 3
    proc = run("repair", input=text.encode("koi8-r"))
    assert proc.stdout.decode("utf-8") == text


def test_detect_one_line_per_file(run, tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(
        ("Das Wetter in München ist schön, sagte der Sprecher am Dienstag. " * 5).encode("cp1252")
    )
    proc = run("detect", SAMPLE, legacy)
    assert proc.returncode == 0
    rows = proc.stdout.decode().splitlines()
    assert len(rows) == 2
    assert (
        rows[0].startswith(str(SAMPLE))
        and "utf-8" in rows[0]
        and "mojibake repaired in 2 spans" in rows[0]
    )
    assert rows[1].split("\t")[1] == "cp1252"
    assert any(f"method {rung}" in rows[1] for rung in ("detector", "model", "fallback"))
    assert "no mojibake" in rows[1]


def test_detect_json(run, validate):
    proc = run("detect", "--json", SAMPLE)
    record = json.loads(proc.stdout)
    validate(record, "detect_record")
    assert record["encoding"]["name"] == "utf-8"
    assert record["repairs"][0]["after"] == "麻豆传媒映画"


def test_closed_pipe_ends_quietly(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(
        "Title line\n\n"
        + ("A long paragraph of prose that keeps going on and on. " * 20 + "\n\n") * 3000
    )
    cmd = f"{' '.join(newsclean_command())} repair {big} | head -c 10"
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, timeout=60)
    assert proc.stdout == b"Title line"
    assert b"Traceback" not in proc.stderr and b"Broken pipe" not in proc.stderr


def test_escape_sequences_in_file_names_are_not_echoed(run, tmp_path):
    proc = run("clean", tmp_path / "evil\x1b[31mname.txt")
    assert proc.returncode == 1
    assert "\x1b" not in proc.stderr and "\\x1b" in proc.stderr


def test_python_m_and_version(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout.startswith("newsclean, version ")


def test_output_file_gets_ordinary_permissions(run, tmp_path):
    out = tmp_path / "out.txt"
    assert run("clean", "-o", out, input=ARTICLE.encode()).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o666 & ~_current_umask()


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_detect_and_repair_believe_a_page_meta_charset(run, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(
        (
            '<html><head><meta charset="windows-1251"><title>Новости</title></head>'
            "<body><p>Совет утвердил бюджет.</p></body></html>"
        ).encode("cp1251")
    )
    row = run("detect", page).stdout.decode()
    assert "\tcp1251\t" in row and "method declared" in row
    assert "Совет утвердил бюджет." in run("repair", page).stdout.decode("utf-8")


def test_json_of_several_files_is_an_array(run, tmp_path, validate):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE)
    second.write_text(ARTICLE.replace("Storm", "Flood"))
    docs = json.loads(run("clean", "--format", "json", first, second).stdout)
    validate(docs)
    assert [d["source"] for d in docs] == [str(first), str(second)]
    assert docs[1]["title"] == "Flood closes schools"
