"""Every dev page of the benchmarks in ../shared is cleaned without an exception.

The Zyte extraction dev pages (``page.html`` and ``scraped.txt``) and the WCXB dev
documents (their ``html`` and ``scraped`` fields) as bytes, through the whole of
``newsclean.clean``: decoding, repair and extraction. Without ../shared this skips.
"""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import SHARED

import newsclean

ZYTE = SHARED / "bench" / "extraction" / "dev"
WCXB = SHARED / "bench" / "wcxb" / "dev"


def _pages():
    for directory in sorted(ZYTE.glob("*/")):
        for name in ("page.html", "scraped.txt"):
            path = directory / name
            if path.is_file():
                yield f"{directory.name}/{name}", path.read_bytes()
    for path in sorted(WCXB.glob("*.json.gz")):
        record = json.loads(gzip.decompress(path.read_bytes()))
        for field in ("html", "scraped"):
            if isinstance(record.get(field), str):
                yield f"{path.name}:{field}", record[field].encode("utf-8")


@pytest.mark.skipif(
    not (ZYTE.is_dir() or WCXB.is_dir()),
    reason="benchmark dev pages not found at ../shared/bench (extraction/dev, wcxb/dev)",
)
def test_every_shared_dev_page_cleans_without_an_exception():
    failures, count = [], 0
    for name, data in _pages():
        count += 1
        try:
            newsclean.clean(data).to_dict()
        except Exception as error:  # collected: the test lists every page that raised
            failures.append(f"{name}: {type(error).__name__}: {error}")
    assert count >= 1000, f"only {count} dev pages found"
    assert failures == [], "\n".join(failures)
