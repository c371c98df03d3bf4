#!/usr/bin/env python3
"""Train the text line model (``newsclean/data/linemodel.json``) on the dev pages' text dumps.

    pip install -e '.[train]'
    python scripts/train_lines.py                 # train on all dev pages, write the model
    python scripts/train_lines.py --out FILE      # elsewhere

The pages are the WCXB dev split and the Zyte dev pages in ``../shared/bench``
(``bench/devdata.py``), each read in the three layouts of :data:`LAYOUTS`: the
benchmarks' own dumps (``scraped``, ``scraped.txt``, made with ``html_text``) and the
page's HTML dumped by inscriptis and by html2text (``bench/layouts.py``, cached under
``bench/out/cache``; both tools are in the ``train`` extra, and their versions are part
of the data). A model learned on one scraper's dumps fits that scraper; one learned on
three reads the others within a point of it. Each dump is cleaned by newsclean as
usual, with a *collector* in place of the line model: it keeps the feature row of
every line the model would judge (:func:`newsclean.extract.linemodel.candidates`), so
training and running read exactly the same features.

**Labels** come from the reference text of each page, projected onto the lines as for
the HTML block model (``scripts/train_blocks.py``'s ``label``): a line of three words or
more is content when at least half of its word trigrams occur in the reference; a
shorter one when its words occur there in a row.

**Weights, model, export**: as for the block model (each dump counts the same, a line
by its share of the dump's words, Zyte pages :data:`ZYTE_WEIGHT` times; LightGBM with
``train_blocks.PARAMS``, fixed seeds, the dumps sorted by key, ``SET/ID`` or
``SET/ID@LAYOUT``: the same dumps give the same file; the trees exported by
``train_blocks.export``), but :data:`ROUNDS` rounds at :data:`LEARNING_RATE`. Three
layouts triple the rows, not the model.

``bench/text_cv.py`` uses :func:`collect` and :func:`train` to train one model per
fold, grouped by domain (a page's dumps in every layout share its fold), and scores
each on the pages it did not see.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from layouts import LAYOUTS, all_layouts, require  # noqa: E402
from train_blocks import PARAMS, PageRows, export, fit, labelled, train_and_write  # noqa: E402
from train_blocks import collect as collect_rows  # noqa: E402

#: Twice the rounds at half the block model's learning rate: the same shrinkage, averaged
#: over more trees. At 60 rounds of 0.1 the Zyte dev figure of four LightGBM seeds spread
#: over 0.004 (0.936 to 0.940, bench/text_cv.py's folds); at 120 of 0.05 over 0.002
#: (0.939 to 0.942), the html2text dumps' 0.928 to 0.931 rose to 0.933 to 0.935, and the
#: WCXB figures stayed within their spread. Twice the trees cost 4 % more instructions a dump.
ROUNDS = 120
LEARNING_RATE = 0.05
ZYTE_WEIGHT = 3.0
#: Thresholds written into the model: a line the rules kept is dropped below THRESHOLD;
#: a line they dropped is kept from KEEP_THRESHOLD on, from NEWS_KEEP_THRESHOLD on a page
#: with a byline or a date line (a news story, whose left-out lines are mostly teasers).
#: Learned from three layouts, the model is less sure of a story's left-out lines: at
#: 0.7 it left out more of the article than of the teasers (bench/text_cv.py, html_text
#: dumps: articles 0.924 -> 0.926, Zyte 0.937 -> 0.939 at 0.6).
THRESHOLD = 0.5
KEEP_THRESHOLD = 0.6
NEWS_KEEP_THRESHOLD = 0.6
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
    """The rows, labels and weights of one dump of a page, read as the text page-type
    model *typer* (default: the shipped one) types it. *item* is a ``devdata.Page`` (its
    ``scraped`` dump) or ``(page, layout, text)`` (``bench/layouts.py``); a layout other
    than html_text is keyed ``SET/ID@LAYOUT``."""
    import newsclean
    from newsclean.extract.linemodel import FEATURES

    page, layout, text = item if isinstance(item, tuple) else (item, "html_text", item.scraped)
    collector = Collector()
    options = {} if typer is None else {"page_type_model": typer}
    newsclean.clean(text, input="text", line_model=collector, **options)
    rows = labelled(page, collector, len(FEATURES))
    if layout != "html_text":
        rows.key = f"{page.key}@{layout}"
    return rows


def typed_rows(item) -> PageRows:
    """:func:`page_rows` with the dump typed by the model of its page's fold
    (:data:`TYPERS`): for cross-validation, no page is read by a type its own domain taught."""
    page = item[0] if isinstance(item, tuple) else item
    return page_rows(item, TYPERS[page.fold])


def collect(pages, jobs: int = 2, rows_of=None, layouts=LAYOUTS) -> list[PageRows]:
    """Feature rows, labels and weights of every page in every one of *layouts*
    (``rows_of((page, layout, text))``, default :func:`page_rows`), layout by layout in
    the pages' order. A page's dumps share its fold."""
    return collect_rows(all_layouts(pages, jobs, layouts), jobs, rows_of or page_rows)


def train(pages: list[PageRows], rounds: int = ROUNDS) -> dict:
    """A LightGBM model on the rows of *pages*, exported as the model file's dictionary."""
    from newsclean.extract.linemodel import FEATURES

    params = {**PARAMS, "learning_rate": LEARNING_RATE}
    model = export(fit(pages, len(FEATURES), rounds, ZYTE_WEIGHT, params))
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
    require(LAYOUTS, "train_lines")
    train_and_write("train_lines", "linemodel.json", collect, train, __doc__ or "")


if __name__ == "__main__":
    main()
