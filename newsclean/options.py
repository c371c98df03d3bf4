"""The one options object that every stage reads."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

#: Default limit on input size: news pages are rarely over a few MB.
DEFAULT_MAX_BYTES = 20_000_000
#: The output formats of ``clean`` and ``batch``.
FORMATS = ("text", "json", "jsonl")


@dataclass(frozen=True)
class Options:
    """How to clean a document. Every field has a safe default.

    favor:
        ``"balanced"`` (default), ``"precision"`` (drop doubtful lines) or
        ``"recall"`` (keep doubtful lines).
    encoding:
        Force this input encoding instead of detecting it.
    repair:
        Undo mojibake (default on).
    rules:
        Extra user rules (:class:`newsclean.extract.userrules.UserRules`), or ``None``.
    max_bytes:
        Refuse inputs larger than this (``0``: no limit).
    input:
        ``"auto"`` (default: HTML is recognised by its markup), ``"text"`` or ``"html"``.
    block_model:
        For HTML pages: ``None`` (default: the package's block model when it is on by
        default), ``True`` (the package's block model), ``False`` (rules only), or a
        model file's path or a loaded :class:`newsclean.extract.blockmodel.BlockModel`.
    line_model:
        For text dumps: ``None`` (default: the package's line model when it is on by
        default), ``True`` (the package's line model), ``False`` (rules only), or a
        model file's path or a loaded :class:`newsclean.extract.linemodel.LineModel`.
    page_type_model:
        ``None`` (default: the package's page-type model, one for HTML pages and one
        for text dumps), ``False`` (no page type), or a model file's path or a loaded
        :class:`newsclean.extract.html.pagetype.PageTypeModel` (for the one kind of
        input it was trained on).
    follow_type:
        Extract a page the page-type model is sure is not an article (a forum, a
        listing …) as its type asks (default on): for HTML see
        :mod:`newsclean.extract.html.bytype`; a text dump's region is then the whole
        dump rather than its densest run of prose.
    """

    favor: str = "balanced"
    encoding: str | None = None
    repair: bool = True
    rules: Any = None
    max_bytes: int = DEFAULT_MAX_BYTES
    input: str = "auto"
    block_model: Any = None
    line_model: Any = None
    page_type_model: Any = None
    follow_type: bool = True

    def __post_init__(self) -> None:
        if self.favor not in ("balanced", "precision", "recall"):
            raise ValueError(f"favor must be balanced, precision or recall, not {self.favor!r}")
        if self.input not in ("auto", "text", "html"):
            raise ValueError(f"input must be auto, text or html, not {self.input!r}")

    @classmethod
    def from_kwargs(cls, options: Options | None = None, **kwargs: Any) -> Options:
        """Start from *options* (or the defaults) and override with *kwargs*."""
        known = {f.name for f in fields(cls)}
        unknown = set(kwargs) - known
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return replace(options or cls(), **kwargs)
