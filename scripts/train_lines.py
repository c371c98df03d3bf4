#!/usr/bin/env python3
"""Train the text line model (``newsclean/data/linemodel.json``) on the dev pages' text dumps.

    pip install -e '.[train]'
    python scripts/train_lines.py                 # train on all dev pages, write the model
    python scripts/train_lines.py --out FILE      # elsewhere

The pages are the WCXB dev split (its ``scraped`` text) and the Zyte dev pages
(``scraped.txt``) in ``../shared/bench`` (``bench/devdata.py``). Each dump is cleaned
by newsclean as usual, with a *collector* in place of the line model: it keeps the
feature row of every line the model would judge
(:func:`newsclean.extract.linemodel.candidates`), so training and running read exactly
the same features.

**Labels** come from the reference text of each page, projected onto the lines as for
the HTML block model (``scripts/train_blocks.py``'s ``label``): a line of three words or
more is content when at least half of its word trigrams occur in the reference; a
shorter one when its words occur there in a row.

**Weights, model, export**: as for the block model (each page counts the same, a line
by its share of the page's words, Zyte pages :data:`ZYTE_WEIGHT` times; LightGBM with
``train_blocks.PARAMS``, fixed seeds; the trees exported by ``train_blocks.export``).

``bench/text_cv.py`` uses :func:`collect` and :func:`train` to train one model per
fold, grouped by domain, and scores each on the pages it did not see.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from train_blocks import PageRows, export, fit, labelled, train_and_write  # noqa: E402
from train_blocks import collect as collect_rows  # noqa: E402

ROUNDS = 60
ZYTE_WEIGHT = 3.0
#: Thresholds written into the model: a line the rules kept is dropped below THRESHOLD;
#: a line they dropped is kept from KEEP_THRESHOLD on, from NEWS_KEEP_THRESHOLD on a page
#: with a byline or a date line (a news story, whose left-out lines are mostly teasers).
THRESHOLD = 0.5
KEEP_THRESHOLD = 0.6
NEWS_KEEP_THRESHOLD = 0.7
#: ... and from WHOLE_KEEP_THRESHOLD on a page read whole, as its type asks (no article:
#: a shop, a listing, a service page, where the rules' test of a short line, prose
#: around it, says little); chosen by bench/text_cv.py.
WHOLE_KEEP_THRESHOLD = 0.5
FORMAT = "newsclean-linemodel-1"


class Collector:
    """Stands in for the line model during cleaning: keeps the rows, changes nothing."""

    def __init__(self) -> None:
        self.rows: list[list[float]] = []
        self.texts: list[str] = []

    def apply(self, content, start, end, language=None, whole=False) -> None:
        from newsclean.extract.linemodel import candidates

        # A dump read again as its type asks: the rows of the reading that is kept.
        self.rows.clear()
        self.texts.clear()
        for position, row in candidates(content, start, end, language):
            self.rows.append(row)
            self.texts.append(content[position].text)


#: Text page-type models by fold, for :func:`typed_rows` (set before :func:`collect` forks).
TYPERS: dict = {}


def page_rows(item, typer=None) -> PageRows:
    """The rows, labels and weights of one page; *item* is a ``devdata.Page`` or
    ``(page, text)`` for another dump of it, read as the text page-type model *typer*
    (default: the shipped one) types it."""
    import newsclean
    from newsclean.extract.linemodel import FEATURES

    page, text = item if isinstance(item, tuple) else (item, item.scraped)
    collector = Collector()
    options = {} if typer is None else {"page_type_model": typer}
    newsclean.clean(text, input="text", line_model=collector, **options)
    return labelled(page, collector, len(FEATURES))


def typed_rows(page) -> PageRows:
    """*page*'s rows with the dump typed by the model of its fold (:data:`TYPERS`): for
    cross-validation, no page is read by a type its own domain taught."""
    return page_rows(page, TYPERS[page.fold])


def collect(pages, jobs: int = 2, rows_of=None) -> list[PageRows]:
    """Feature rows, labels and weights of every page (``rows_of(page)``, default
    :func:`page_rows`), in the pages' order."""
    return collect_rows(pages, jobs, rows_of or page_rows)


def train(pages: list[PageRows], rounds: int = ROUNDS) -> dict:
    """A LightGBM model on the rows of *pages*, exported as the model file's dictionary."""
    from newsclean.extract.linemodel import FEATURES

    model = export(fit(pages, len(FEATURES), rounds, ZYTE_WEIGHT))
    model.update(
        format=FORMAT,
        features=list(FEATURES),
        threshold=THRESHOLD,
        keep_threshold=KEEP_THRESHOLD,
        news_keep_threshold=NEWS_KEEP_THRESHOLD,
        whole_keep_threshold=WHOLE_KEEP_THRESHOLD,
    )
    return model


def main() -> None:
    train_and_write("train_lines", "linemodel.json", collect, train, __doc__ or "")


if __name__ == "__main__":
    main()
