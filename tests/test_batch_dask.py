"""``newsclean batch --scheduler``: the same batch on a Dask cluster gives the same bytes, for
files and for archives (each archive is read and cleaned on a Dask worker).

Needs the ``dask`` extra (``pip install -e '.[dask,test]'``); skipped without it.
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed", reason="Dask is not installed (pip install 'newsclean[dask]')")

from batch_helpers import SHARED_LINES, build_site_corpus
from test_batch import ARTICLE, report, tree
from test_batch_archives import corpus as archive_corpus


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "src"
    build_site_corpus(src, pages=6)
    (src / "alpha" / "empty.txt").write_bytes(b"")
    (src / "beta" / "legacy.txt").write_bytes(
        ARTICLE.replace("Monday", "Montag für Köln").encode("cp1252")
    )
    return src


def test_dask_run_is_byte_identical_to_the_local_run(run, tmp_path, corpus, scheduler):
    for extra in ([], ["--learn-boilerplate"]):
        name = "learn" if extra else "plain"
        local = run("batch", corpus, "-o", tmp_path / f"local-{name}", "-j", "2", *extra)
        remote = run(
            "batch",
            corpus,
            "-o",
            tmp_path / f"dask-{name}",
            "--scheduler",
            scheduler,
            "--chunk-size",
            "4",
            "--report",
            tmp_path / f"{name}.jsonl",
            *extra,
        )
        assert local.returncode == remote.returncode == 1, remote.stderr  # the empty file
        assert tree(tmp_path / f"dask-{name}") == tree(tmp_path / f"local-{name}")
        assert len(tree(tmp_path / f"dask-{name}")) == 13
        records = report(tmp_path / f"{name}.jsonl")
        assert records["alpha/empty.txt"]["reason"].startswith("input is empty")
        assert records["beta/legacy.txt"]["encoding"] == "cp1252"
    learned = b"".join(tree(tmp_path / "dask-learn").values()).decode()
    assert not any(line in learned for line in SHARED_LINES)

    again = run(
        "batch",
        corpus,
        "-o",
        tmp_path / "dask-plain",
        "--scheduler",
        scheduler,
        "--report",
        tmp_path / "again.jsonl",
    )
    assert again.returncode == 1  # the empty file fails again; the others are skipped as done
    assert {r["status"] for r in report(tmp_path / "again.jsonl").values()} == {"skipped", "failed"}


def test_dask_jsonl_matches_the_local_jsonl(run, corpus, scheduler):
    local = run("batch", corpus, "-o", "-", "--format", "jsonl", "-j", "1", "-q")
    remote = run("batch", corpus, "-o", "-", "--format", "jsonl", "--scheduler", scheduler, "-q")
    assert remote.stdout == local.stdout
    assert len([json.loads(line) for line in remote.stdout.splitlines()]) == 13


def test_archives_on_dask_give_the_local_records(run, tmp_path, scheduler):
    archive_corpus(tmp_path / "src")
    local = run("batch", tmp_path / "src", "-o", "-", "-f", "jsonl", "-j", "2", "-q")
    remote = run(
        "batch",
        tmp_path / "src",
        "-o",
        "-",
        "-f",
        "jsonl",
        "--scheduler",
        scheduler,
        "-q",
        "--report",
        tmp_path / "remote.jsonl",
    )
    assert local.returncode == remote.returncode == 1  # the truncated record, the malformed line
    assert remote.stdout == local.stdout and remote.stdout.count(b"\n") == 12
    rows = report(tmp_path / "remote.jsonl")
    assert rows["crawl.warc.gz"]["status"] == "archive" and rows["crawl.warc.gz"]["pages"] == 4
    assert "truncated record" in next(
        r["reason"]
        for r in rows.values()
        if r["status"] == "failed" and r["path"].endswith("crawl.warc.gz")
    )

    # an output directory: the Dask workers write each archive's output themselves
    run("batch", tmp_path / "src", "-o", tmp_path / "local", "-j", "2", "--learn-boilerplate")
    done = run(
        "batch",
        tmp_path / "src",
        "-o",
        tmp_path / "dask",
        "--scheduler",
        scheduler,
        "--learn-boilerplate",
    )
    assert done.returncode == 1 and tree(tmp_path / "dask") == tree(tmp_path / "local")
    assert sorted(tree(tmp_path / "dask")) == [
        "crawl.jsonl",
        "docs.jsonl",
        "old.jsonl",
        "page.txt",
        "plain.jsonl",
    ]
    again = run(
        "batch",
        tmp_path / "src",
        "-o",
        tmp_path / "dask",
        "--scheduler",
        scheduler,
        "--learn-boilerplate",
        "--report",
        tmp_path / "again.jsonl",
    )
    assert again.returncode == 0 and {
        r["status"] for r in report(tmp_path / "again.jsonl").values()
    } == {"skipped"}
