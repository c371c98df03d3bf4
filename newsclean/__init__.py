"""newsclean: turn scraped news pages into clean article text.

>>> import newsclean
>>> doc = newsclean.clean("Headline of the story\\n\\nThe article body is long enough to keep, as it reads like prose.")
>>> doc.title
'Headline of the story'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = [
    "Decoded",
    "Document",
    "NewscleanError",
    "Options",
    "Repaired",
    "__version__",
    "clean",
    "decode",
    "repair",
]

# ``decode`` and ``repair`` are both modules and functions: bind the functions now, so
# that importing the submodules later cannot shadow them. Both modules are light; their
# heavy dependencies (chardet, ftfy) load on first use.
from newsclean.text.decode import Decoded, decode
from newsclean.text.repair import Repaired, repair

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.document import Document
    from newsclean.errors import NewscleanError
    from newsclean.options import Options
    from newsclean.pipeline import clean

_LAZY = {
    "clean": "newsclean.pipeline",
    "Document": "newsclean.document",
    "Options": "newsclean.options",
    "NewscleanError": "newsclean.errors",
}


def __getattr__(name: str):
    """Import the public API on first use, so that ``newsclean --help`` starts fast."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsclean' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
