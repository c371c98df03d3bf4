"""``newsclean batch --scheduler`` on archives: each archive is read and cleaned on a Dask worker,
and the records are those of the local run.

Needs the ``dask`` extra (``pip install -e '.[dask,test]'``); skipped without it.
"""

from __future__ import annotations

import pytest

pytest.importorskip("distributed", reason="Dask is not installed (pip install 'newsclean[dask]')")

from test_batch import report, tree  # noqa: E402
from test_batch_archives import corpus  # noqa: E402


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as cluster:
        yield cluster.scheduler_address


def test_archives_on_dask_give_the_local_records(run, tmp_path, scheduler):
    corpus(tmp_path / "src")
    local = run("batch", tmp_path / "src", "-o", "-", "-f", "jsonl", "-j", "2", "-q")
    remote = run("batch", tmp_path / "src", "-o", "-", "-f", "jsonl", "--scheduler", scheduler, "-q",
                 "--report", tmp_path / "remote.jsonl")
    assert local.returncode == remote.returncode == 1  # the truncated record, the malformed line
    assert remote.stdout == local.stdout and remote.stdout.count(b"\n") == 12
    rows = report(tmp_path / "remote.jsonl")
    assert rows["crawl.warc.gz"]["status"] == "archive" and rows["crawl.warc.gz"]["pages"] == 4
    assert "truncated record" in next(r["reason"] for r in rows.values() if r["status"] == "failed"
                                      and r["path"].endswith("crawl.warc.gz"))

    # an output directory: the Dask workers write each archive's output themselves
    run("batch", tmp_path / "src", "-o", tmp_path / "local", "-j", "2", "--learn-boilerplate")
    done = run("batch", tmp_path / "src", "-o", tmp_path / "dask", "--scheduler", scheduler, "--learn-boilerplate")
    assert done.returncode == 1 and tree(tmp_path / "dask") == tree(tmp_path / "local")
    assert sorted(tree(tmp_path / "dask")) == ["crawl.jsonl", "docs.jsonl", "old.jsonl", "page.txt", "plain.jsonl"]
    again = run("batch", tmp_path / "src", "-o", tmp_path / "dask", "--scheduler", scheduler,
                "--learn-boilerplate", "--report", tmp_path / "again.jsonl")
    assert again.returncode == 0 and {r["status"] for r in report(tmp_path / "again.jsonl").values()} == {"skipped"}
