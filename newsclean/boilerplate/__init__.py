"""Tell the article from the boilerplate around it, line by line."""

from __future__ import annotations

from newsclean.document import Decision, Document
from newsclean.options import Options


def extract(text: str, options: Options) -> Document:
    """Build a :class:`Document` from repaired plain text."""
    decisions = []
    title = ""
    paragraphs = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            decisions.append(Decision(number, line, False, "blank"))
        elif not title:
            title = stripped
            decisions.append(Decision(number, line, True, "title"))
        else:
            paragraphs.append(stripped)
            decisions.append(Decision(number, line, True, "body"))
    return Document(title=title, paragraphs=paragraphs, decisions=decisions)
