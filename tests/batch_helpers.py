"""Corpora and worker functions for the batch tests (imported by worker processes too).

Worker processes import this module through ``BatchConfig(cleaner="batch_helpers:...")``,
with the tests directory on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from newsclean.batch import clean_file

_NAMES = (
    "Ada",
    "Bruno",
    "Chiara",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
    "Marta",
    "Noor",
    "Oskar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sami",
    "Tomas",
)
_PLACES = (
    "the harbour",
    "the old town",
    "the market square",
    "the station",
    "the university",
    "the riverside park",
    "the northern bypass",
    "the east bridge",
    "the library",
    "the stadium",
)
_THINGS = (
    "a new bus line",
    "cheaper school meals",
    "longer library hours",
    "a repaired bridge",
    "more street lights",
    "a bigger fire station",
    "a cycle path",
    "free swimming lessons",
    "a farmers market",
    "a youth centre",
)


def story(site: str, number: int) -> str:
    """A page of *site*: title, two masthead lines and a footer line repeated on every page
    of the site (prose, so that single-page rules keep them), and a body of its own."""
    r = random.Random(f"{site}/{number}")
    name = r.choice(_NAMES)
    title = f"{name} wants {r.choice(_THINGS)} near {r.choice(_PLACES)}"
    body = []
    for _ in range(4):
        who, other = r.sample(_NAMES, 2)
        body.append(
            f"{who} told the council that {r.choice(_THINGS)} near {r.choice(_PLACES)} would help "
            f"families, while {other} said that {r.choice(_THINGS)} should come first because "
            f"people near {r.choice(_PLACES)} have waited for it the longest."
        )
    masthead = [
        f"The {site.title()} Courier has reported on the valley and its towns for more than a "
        "century, from its office on Main Street.",
        f"Our reporters in {site.title()} cover local politics, schools, business and sport every "
        "day of the year for our readers.",
    ]
    footer = (
        f"The {site.title()} Courier is published by a family business that has owned the paper "
        "since the year it was founded in this town."
    )
    return "\n\n".join([title, *masthead, *body, footer]) + "\n"


SHARED_LINES = (
    "has reported on the valley",
    "cover local politics",
    "published by a family business",
)


def build_site_corpus(
    root: Path, sites=("alpha", "beta"), pages: int = 8, shuffle_seed: int | None = None
) -> None:
    """Write *pages* stories per site under ``root/SITE/``, in a shuffled order if asked."""
    items = [(site, n) for site in sites for n in range(pages)]
    if shuffle_seed is not None:
        random.Random(shuffle_seed).shuffle(items)
    for site, n in items:
        path = root / site / f"story-{n:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(story(site, n), encoding="utf-8")


def sleepy(task, context):
    """Like the default cleaner, but a file named *slow* sleeps (interruptible by SIGALRM)."""
    if "slow" in os.path.basename(task.path):
        time.sleep(60)
    return clean_file(task, context)


def stubborn(task, context):
    """A file named *stuck* hangs in a way SIGALRM cannot stop (as C code that never returns)."""
    if "stuck" in os.path.basename(task.path):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return clean_file(task, context)


def crashy(task, context):
    """A file named *crash* kills its worker process outright."""
    if "crash" in os.path.basename(task.path):
        os.kill(os.getpid(), signal.SIGKILL)
    return clean_file(task, context)


def leisurely(task, context):
    """The default cleaner, 20 ms slower per file: keeps a run going long enough to interrupt."""
    time.sleep(0.02)
    return clean_file(task, context)
