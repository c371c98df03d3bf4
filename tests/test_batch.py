"""``newsclean batch``: mirroring, JSON lines, failures, time limits, resuming, safety, site learning."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import SHARED_LINES, build_site_corpus, story
from conftest import newsclean_command

from newsclean.batch import BatchConfig, run_batch
from newsclean.batch.learn import SiteCounter, apply_site_boilerplate, line_keys
from newsclean.document import Decision, Document
from newsclean.notice import Notice
from newsclean.pipeline import flag_thin

TESTS = Path(__file__).resolve().parent
ARTICLE = (
    "Storm closes schools\n\n"
    "Schools across the region were closed on Monday after the storm brought down power lines, "
    "officials said in a statement.\n"
)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def tree(root: Path) -> dict[str, bytes]:
    """Every file under *root* (hidden bookkeeping files excluded), by relative path."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def temporary_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp")]


def report(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


@pytest.fixture
def workers_import_helpers(monkeypatch):
    """Worker processes can import ``batch_helpers`` (for the ``cleaner`` hook)."""
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")]))
    )


def small_corpus(src: Path) -> None:
    (src / "news" / "2024").mkdir(parents=True)
    (src / "news" / "2024" / "storm.html").write_text(ARTICLE)
    (src / "news" / "rain.txt").write_text(ARTICLE.replace("Storm", "Rain"))
    (src / "top.md").write_text(ARTICLE.replace("Storm", "Wind"))
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff not a page")
    (src / ".hidden").mkdir()
    (src / ".hidden" / "secret.txt").write_text(ARTICLE)


# ---------------------------------------------------------------------------- outputs


def test_mirrors_the_tree_with_the_format_extension(run, tmp_path, validate):
    src, out = tmp_path / "src", tmp_path / "out"
    small_corpus(src)
    proc = run("batch", src, "-o", out, "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert set(tree(out)) == {"news/2024/storm.txt", "news/rain.txt", "top.txt"}
    expected = run("clean", src / "news" / "2024" / "storm.html").stdout
    assert (out / "news" / "2024" / "storm.txt").read_bytes() == expected
    assert (
        "3 files: 3 cleaned, 0 skipped, 0 failed" in proc.stderr
    )  # plain summary: stderr is no terminal
    assert proc.stdout == b""
    assert set(tree(src)) == {
        "news/2024/storm.html",
        "news/rain.txt",
        "top.md",
        "photo.jpg",
        ".hidden/secret.txt",
    }  # sources untouched

    proc = run("batch", src, "-o", tmp_path / "json", "--format", "json", "--glob", "*.html", "-q")
    assert proc.returncode == 0 and proc.stderr == ""
    assert set(tree(tmp_path / "json")) == {"news/2024/storm.json"}
    stored = json.loads((tmp_path / "json" / "news" / "2024" / "storm.json").read_text())
    validate(stored, "document")
    assert stored["title"] == "Storm closes schools"


def test_same_stem_in_one_directory_keeps_both_outputs(run, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "page.txt").write_text(ARTICLE)
    (src / "page.html").write_text(ARTICLE.replace("Storm", "Hail"))
    assert run("batch", src, "-o", tmp_path / "out", "-q").returncode == 0
    assert set(tree(tmp_path / "out")) == {"page.txt.txt", "page.html.txt"}


def test_jsonl_to_a_file_and_to_stdout(run, tmp_path, validate):
    src = tmp_path / "src"
    small_corpus(src)
    to_file = run("batch", src, "-o", tmp_path / "all.jsonl", "--format", "jsonl", "-j", "2")
    assert to_file.returncode == 0, to_file.stderr
    to_stdout = run(
        "batch",
        src,
        "-o",
        "-",
        "--format",
        "jsonl",
        "-j",
        "1",
        "--report",
        tmp_path / "report.jsonl",
    )
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert to_stdout.stdout == (tmp_path / "all.jsonl").read_bytes()
    records = [json.loads(line) for line in to_stdout.stdout.decode().splitlines()]
    assert [r["id"] for r in records] == ["top.md", "news/rain.txt", "news/2024/storm.html"]
    assert all(set(r) == {"id", "text", "metadata"} for r in records)
    for record in records:
        validate(record, "jsonl_record")
    assert records[0]["text"].startswith("Wind closes schools")
    assert records[0]["metadata"]["encoding"]["name"] == "utf-8"
    assert set(report(tmp_path / "report.jsonl")) == {
        "top.md",
        "news/rain.txt",
        "news/2024/storm.html",
    }


def test_single_files_and_several_sources(run, tmp_path):
    src = tmp_path / "src"
    small_corpus(src)
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(ARTICLE)
    proc = run("batch", src / "top.md", src / "news", other, "-o", tmp_path / "out", "-q")
    assert proc.returncode == 0, proc.stderr
    assert set(tree(tmp_path / "out")) == {
        "top.txt",
        "news/rain.txt",
        "news/2024/storm.txt",
        "other/x.txt",
    }


# ---------------------------------------------------------------------------- failures


def test_bad_files_are_reported_and_the_rest_is_cleaned(run, tmp_path):
    src = tmp_path / "src"
    small_corpus(src)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    (src / "huge.txt").write_text(ARTICLE * 200)
    (src / "dangling.txt").symlink_to(src / "nowhere.txt")
    if not IS_ROOT:
        (src / "secret.txt").write_text(ARTICLE)
        (src / "secret.txt").chmod(0)
    proc = run(
        "batch",
        src,
        "-o",
        tmp_path / "out",
        "--report",
        tmp_path / "r.jsonl",
        "--max-bytes",
        "10000",
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    records = report(tmp_path / "r.jsonl")
    failed = {k: r["reason"] for k, r in records.items() if r["status"] == "failed"}
    assert failed["empty.txt"].startswith("input is empty")
    assert failed["binary.txt"].startswith("input is an ELF executable")
    assert "over the limit" in failed["huge.txt"]
    assert failed["dangling.txt"] == "broken symbolic link"
    if not IS_ROOT:
        assert failed["secret.txt"].startswith("permission denied")
    assert records["news/rain.txt"]["status"] == "cleaned"
    assert records["news/rain.txt"]["encoding"] == "utf-8"
    assert records["empty.txt"]["output"] is None
    for path, reason in failed.items():
        assert f"{path}: {reason}" in proc.stderr  # one line per failure
    assert f"{len(failed)} failed" in proc.stderr
    assert set(tree(tmp_path / "out")) == {"news/2024/storm.txt", "news/rain.txt", "top.txt"}


def test_time_limit_stops_stuck_files_and_replaces_killed_workers(tmp_path, workers_import_helpers):
    src = tmp_path / "src"
    build_site_corpus(src, sites=("a",), pages=6)
    (src / "a" / "slow.txt").write_text(ARTICLE)
    (src / "a" / "stuck.txt").write_text(ARTICLE)
    for cleaner, jobs, bad in (("sleepy", 1, "slow.txt"), ("stubborn", 2, "stuck.txt")):
        out = tmp_path / f"out-{cleaner}"
        started = time.monotonic()
        summary = run_batch(
            BatchConfig(
                sources=(str(src),),
                output=str(out),
                jobs=jobs,
                timeout=0.5,
                report=str(out) + ".jsonl",
                cleaner=f"batch_helpers:{cleaner}",
            )
        )
        assert time.monotonic() - started < 15
        records = report(Path(str(out) + ".jsonl"))
        assert records[f"a/{bad}"]["status"] == "failed"
        assert records[f"a/{bad}"]["reason"].startswith("timed out after 0.5 s")
        assert summary.failed == 1 and summary.cleaned == 7, records
        assert len(tree(out)) == 7


def test_a_worker_that_dies_fails_only_its_file(tmp_path, workers_import_helpers):
    src = tmp_path / "src"
    build_site_corpus(src, sites=("a",), pages=5)
    (src / "a" / "crash.txt").write_text(ARTICLE)
    summary = run_batch(
        BatchConfig(
            sources=(str(src),),
            output=str(tmp_path / "out"),
            jobs=2,
            chunk_size=3,
            cleaner="batch_helpers:crashy",
        )
    )
    assert summary.failures == [(str(src / "a" / "crash.txt"), "worker process died (signal 9)")]
    assert summary.cleaned == 5


def test_refuses_dangerous_output_locations(run, tmp_path):
    src = tmp_path / "src"
    small_corpus(src)
    before = tree(src)
    for args in (
        ["-o", src],
        ["-o", src / "out"],
        ["-o", tmp_path],
        ["-o", tmp_path / "o", "--report", src / "r.jsonl"],
        ["-o", src / "top.md", "--format", "jsonl"],
    ):
        proc = run("batch", src, *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "newsclean never" in proc.stderr or "inside the output" in proc.stderr
        assert "Traceback" not in proc.stderr
    proc = run("batch", src / "top.md", "-o", src / "top.md", "--format", "jsonl")
    assert proc.returncode == 2 and "never overwrites its input" in proc.stderr
    assert tree(src) == before


def test_unusable_output_directory_is_one_clear_line(run, tmp_path):
    src = tmp_path / "src"
    small_corpus(src)
    (tmp_path / "file").write_text("x")
    proc = run("batch", src, "-o", tmp_path / "file" / "out")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"Error: cannot create output directory {tmp_path / 'file' / 'out'}: not a directory"
    ]


def test_symlink_loops_and_undecodable_file_names(run, tmp_path):
    src = tmp_path / "src"
    small_corpus(src)
    (src / "news" / "loop").symlink_to(src / "news")
    (src / "alias").symlink_to(src / "news" / "2024")
    raw = os.path.join(os.fsencode(src), b"caf\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(ARTICLE.encode())
    proc = run("batch", src, "-o", tmp_path / "out", "--report", tmp_path / "r.jsonl")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    records = report(tmp_path / "r.jsonl")
    assert records["news/loop"]["reason"].startswith("symbolic link loop")
    # news/2024 is reached twice (through alias/ first): walked once, the second time skipped
    assert records["news/2024"]["status"] == "skipped"
    assert records["news/2024"]["reason"].startswith("directory already walked")
    assert records["alias/storm.html"]["status"] == "cleaned"
    assert records["caf\\xe9.txt"]["status"] == "cleaned"
    assert os.path.exists(os.path.join(os.fsencode(tmp_path / "out"), b"caf\xe9.txt"))
    assert "news/loop: symbolic link loop" in proc.stderr


# ---------------------------------------------------------------------------- resuming


def test_rerun_skips_up_to_date_outputs_and_redoes_stale_ones(run, tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    small_corpus(src)
    assert run("batch", src, "-o", out, "-q").returncode == 0
    proc = run("batch", src, "-o", out, "--report", tmp_path / "r1.jsonl")
    assert proc.returncode == 0 and "3 skipped" in proc.stderr
    assert {r["status"] for r in report(tmp_path / "r1.jsonl").values()} == {"skipped"}

    rain = src / "news" / "rain.txt"
    rain.write_text(ARTICLE.replace("Storm", "Snow"))
    future = time.time() + 5
    os.utime(rain, (future, future))
    run("batch", src, "-o", out, "--report", tmp_path / "r2.jsonl")
    statuses = {k: r["status"] for k, r in report(tmp_path / "r2.jsonl").items()}
    assert statuses == {
        "top.md": "skipped",
        "news/rain.txt": "cleaned",
        "news/2024/storm.html": "skipped",
    }
    assert (out / "news" / "rain.txt").read_text().startswith("Snow closes schools")
    os.utime(rain)

    for args in (["--favor", "precision"], ["--favor", "precision", "--force"]):
        run("batch", src, "-o", out, "--report", tmp_path / "r3.jsonl", *args)
        assert {r["status"] for r in report(tmp_path / "r3.jsonl").values()} == {"cleaned"}
    run("batch", src, "-o", out, "--report", tmp_path / "r4.jsonl", "--favor", "precision")
    assert {r["status"] for r in report(tmp_path / "r4.jsonl").values()} == {"skipped"}


def _start_and_wait_for_outputs(args, out: Path, count: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [*newsclean_command(), *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
        # A shell's background job ignores SIGINT and its children inherit that: give the
        # batch the default handling a terminal's Ctrl-C meets, however the suite runs.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and sum(len(files) for _, _, files in os.walk(out)) >= count:
            break
        time.sleep(0.01)
    assert proc.poll() is None, (
        "the batch finished before it could be interrupted; use a bigger corpus"
    )
    return proc


def test_resume_after_a_killed_run(run, tmp_path):
    src, out, fresh = tmp_path / "src", tmp_path / "out", tmp_path / "fresh"
    build_site_corpus(src, sites=[f"site{i}" for i in range(20)], pages=40)
    proc = _start_and_wait_for_outputs(
        ["batch", src, "-o", out, "-j", "1", "--chunk-size", "1"], out, 40
    )
    proc.kill()
    proc.wait()
    proc.stderr.close()
    done_before = len(tree(out))
    assert 0 < done_before < 800

    again = run("batch", src, "-o", out, "-j", "2", "--report", tmp_path / "r.jsonl")
    assert again.returncode == 0, again.stderr
    statuses = [r["status"] for r in report(tmp_path / "r.jsonl").values()]
    assert (
        statuses.count("skipped") >= done_before - 2
    )  # at most the files being written were redone
    assert run("batch", src, "-o", fresh, "-j", "2", "-q").returncode == 0
    assert tree(out) == tree(fresh)
    assert len(tree(out)) == 800
    assert temporary_files(out) == []


def test_ctrl_c_stops_cleanly_with_the_summary_so_far(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    build_site_corpus(src, sites=[f"site{i}" for i in range(20)], pages=40)
    proc = _start_and_wait_for_outputs(
        ["batch", src, "-o", out, "-j", "2", "--chunk-size", "1"], out, 20
    )
    proc.send_signal(signal.SIGINT)
    stderr = proc.communicate(timeout=30)[1].decode()
    assert proc.returncode == 130, stderr
    assert "interrupted after" in stderr and "Traceback" not in stderr
    assert temporary_files(out) == []
    assert 0 < len(tree(out)) < 800
    manifest = json.loads((out / ".newsclean-batch.json").read_text())
    assert manifest["running"] is False


# ---------------------------------------------------------------------------- site boilerplate


def test_learned_site_boilerplate_is_dropped_deterministically(run, tmp_path):
    outputs = {}
    for name, seed, jobs in (
        ("ordered", None, "1"),
        ("shuffled", 7, "2"),
        ("shuffled-again", 99, "1"),
    ):
        src = tmp_path / f"src-{name}"
        build_site_corpus(src, pages=8, shuffle_seed=seed)
        out = tmp_path / f"out-{name}"
        proc = run(
            "batch",
            src,
            "-o",
            out,
            "--learn-boilerplate",
            "-j",
            jobs,
            "--chunk-size",
            "3",
            "--report",
            tmp_path / f"{name}.jsonl",
        )
        assert proc.returncode == 0, proc.stderr
        assert "learned: 6 repeated lines in 2 sites (from 16 files)" in proc.stderr
        outputs[name] = tree(out)
    assert outputs["ordered"] == outputs["shuffled"] == outputs["shuffled-again"]
    text = b"".join(outputs["ordered"].values()).decode()
    assert not any(line in text for line in SHARED_LINES)
    records = report(tmp_path / "ordered.jsonl")
    assert records["alpha/story-03.txt"]["removed_by_reason"]["repeated-across-files"] == 3

    plain = tmp_path / "plain"
    assert run("batch", tmp_path / "src-ordered", "-o", plain, "-q").returncode == 0
    assert sum(line in b"".join(tree(plain).values()).decode() for line in SHARED_LINES) >= 2

    explained = json.loads(
        run(
            "batch",
            tmp_path / "src-ordered",
            "-o",
            "-",
            "--format",
            "jsonl",
            "--learn-boilerplate",
            "-q",
        )
        .stdout.decode()
        .splitlines()[0]
    )
    removed = [
        r for r in explained["metadata"]["removed"] if r["reason"] == "repeated-across-files"
    ]
    assert removed and removed[0]["evidence"] == "in 8 of 8 documents of site alpha"


def test_sites_too_small_learn_nothing_and_site_keys(run, tmp_path):
    src = tmp_path / "src"
    build_site_corpus(src / "paper", sites=("alpha", "beta"), pages=3)
    proc = run("batch", src, "-o", tmp_path / "a", "--learn-boilerplate")
    assert (
        "learned: 0 repeated lines in 0 sites" in proc.stderr
    )  # 3 pages per directory < --min-docs 5
    proc = run(
        "batch",
        src,
        "-o",
        tmp_path / "b",
        "--learn-boilerplate",
        "--site-key",
        "top",
        "--min-share",
        "0.4",
    )
    assert "learned: 6 repeated lines in 1 sites" in proc.stderr  # 6 pages under paper/, 3 per line
    proc = run("batch", src, "-o", tmp_path / "c", "--site-key", "depth:0")
    assert proc.returncode == 2


def test_site_counting_is_order_free_and_apply_marks_decisions():
    pages = [story("alpha", n) for n in range(6)]
    forward, backward = SiteCounter(), SiteCounter()
    for page in pages:
        forward.add("alpha", line_keys(page))
    for page in reversed(pages):
        backward.add("alpha", line_keys(page))
    table = forward.freeze(min_share=0.5, min_docs=5)
    assert table.digest() == backward.freeze(min_share=0.5, min_docs=5).digest()
    assert table.line_count == 3

    lines = pages[0].split("\n\n")
    document = Document(
        title=lines[0],
        paragraphs=[p.strip() for p in lines[1:]],
        decisions=[
            Decision(n + 1, line.strip(), True, "title" if n == 0 else "body")
            for n, line in enumerate(lines)
        ],
    )
    document.warnings.append(Notice("thin", "made before the site's lines were dropped"))
    apply_site_boilerplate(document, table, "alpha")
    assert len(document.paragraphs) == 4
    assert [r.line for r in document.removed] == [2, 3, 8]
    assert {r.reason for r in document.removed} == {"repeated-across-files"}
    assert [d.keep for d in document.decisions] == [
        True,
        False,
        False,
        True,
        True,
        True,
        True,
        False,
    ]
    assert document.title == lines[0]
    # the thin check is redone on what is left (for pages of files and of archives alike): a
    # verdict made before is replaced by the one the remaining text gives
    left = Document(
        title=document.title,
        paragraphs=list(document.paragraphs),
        decisions=list(document.decisions),
    )
    flag_thin(left)
    assert document.warnings == left.warnings and "made before" not in str(document.warnings)


def test_the_command_line_does_not_import_dask():
    code = (
        "import sys, newsclean.cli, newsclean.batch; "
        "sys.exit(any(m in sys.modules for m in ('dask', 'distributed', 'rich.progress')))"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_html_report_lists_documents_and_failures(run, tmp_path):
    src = tmp_path / "src"
    small_corpus(src)
    (src / "empty.txt").write_bytes(b"")
    (src / "evil.txt").write_text(
        ARTICLE + "\nWatch: <script>document.title='pwned'</script> now\n"
    )
    html_report = tmp_path / "report.html"
    proc = run("batch", src, "-o", tmp_path / "out", "--report-html", html_report, "-j", "1")
    assert proc.returncode == 1  # the empty file
    page = html_report.read_text(encoding="utf-8")
    for name in ("news/rain.txt", "news/2024/storm.html", "top.md", "evil.txt", "empty.txt"):
        assert name in page
    assert "input is empty" in page
    assert "<script>document.title" not in page and "&lt;script&gt;document.title" in page
    assert (
        run("batch", src, "-o", tmp_path / "out2", "--report-html", src / "r.html").returncode == 2
    )


def test_usage_errors_escape_terminal_sequences(run, tmp_path):
    src = tmp_path / "src"
    small_corpus(src)
    out = tmp_path / "out\x1b[31mred"
    out.mkdir()
    proc = run("batch", src, "-o", out, "--format", "jsonl")
    assert proc.returncode == 2 and "\x1b" not in proc.stderr and "\\x1b" in proc.stderr
    rules = tmp_path / "rules\x1b[2J.txt"
    rules.write_text("frobnicate: nothing\n")
    proc = run("batch", src, "-o", tmp_path / "out2", "--rules", rules)
    assert proc.returncode == 2 and "\x1b" not in proc.stderr and "line 1" in proc.stderr


def test_command_defaults_match_the_library():
    from newsclean import batch
    from newsclean.cli import batch as cli_batch

    assert tuple(cli_batch._GLOBS.split()) == batch.DEFAULT_GLOBS
    formats = next(p for p in cli_batch.batch.params if p.name == "fmt").type.choices
    assert tuple(formats) == batch.FORMATS


def test_the_fingerprint_keeps_its_format(tmp_path):
    """Existing output directories are redone only when an option really changed: the
    fingerprint is the digest of these settings, in this form, whatever the code's layout."""
    import hashlib

    from newsclean import __version__
    from newsclean.batch.plan import fingerprint
    from newsclean.extract.userrules import load_rules
    from newsclean.options import Options

    rules = tmp_path / "rules.txt"
    rules.write_bytes(b"drop: Subscribe now\n")
    config = BatchConfig(
        sources=("a",),
        output="o",
        fmt="json",
        options=Options(favor="precision", rules=load_rules(rules)),
        learn_boilerplate=True,
    )
    settings = {
        "newsclean": __version__,
        "format": "json",
        "favor": "precision",
        "encoding": None,
        "repair": True,
        "max_bytes": 20_000_000,
        "input": "auto",
        "rules_sha256": hashlib.sha256(b"drop: Subscribe now\n").hexdigest(),
        "cleaner": "newsclean.batch:clean_file",
        "learn_boilerplate": {"site_key": "parent", "min_share": 0.5, "min_docs": 5, "table": None},
    }
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:20]
    assert fingerprint(config) == (digest, settings)


def test_page_types_are_counted_and_can_be_kept(tmp_path, run):
    """--page-types writes only documents of those types; every document's type is in the
    report and the summary counts them."""
    import shutil

    import newsclean

    fixtures = Path(__file__).parent / "fixtures" / "html"
    src = tmp_path / "src"
    src.mkdir()
    types = {}
    for name in ("story.html", "forum_thread.html", "listing.html", "results.html"):
        shutil.copy(fixtures / name, src / name)
        types[name] = newsclean.clean((fixtures / name).read_bytes()).page_type
    assert len(set(types.values())) > 1, types  # the fixtures must differ in type
    keep = types["story.html"]

    out = tmp_path / "out"
    proc = run("batch", src, "-o", out, "--page-types", keep, "--report", tmp_path / "r.jsonl")
    assert proc.returncode == 0, proc.stderr
    written = {p.name for p in out.rglob("*.txt")}
    assert written == {f"{n[:-5]}.txt" for n, t in types.items() if t == keep}
    records = report(tmp_path / "r.jsonl")
    assert {r["id"]: r["page_type"] for r in records.values()} == types
    assert sum(bool(r.get("excluded")) for r in records.values()) == sum(
        t != keep for t in types.values()
    )
    assert "page types:" in proc.stderr and "not written" in proc.stderr

    bad = run("batch", src, "-o", tmp_path / "out2", "--page-types", "article,recipe")
    assert bad.returncode == 2 and "unknown page type recipe" in bad.stderr
