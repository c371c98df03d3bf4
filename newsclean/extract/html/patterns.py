"""Regular expressions for lists of words, written so that the engine finds them fast.

Python's engine skips ahead to the characters a pattern can start with only when the
pattern starts with them (not with a ``\\b`` or a look-around), and tries an alternation's
branches one after the other: these patterns start with their words' first letters, and
share the branches' common prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def longest_first(words: Sequence[str]) -> str:
    """A pattern matching the longest of *words* at a position, as their alternation sorted
    longest first would, but written as a tree of shared prefixes (``ca(?:rd|rt|tegory)``),
    which the regular expression engine tries far faster.

    >>> re.findall(longest_first(["tag", "tags", "toc"]), "tags-toc tag")
    ['tags', 'toc', 'tag']
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{inner})?" if "" in node else inner

    return pattern(trie)


def whole_words(alternatives: Sequence[str]) -> str:
    r"""The pattern ``\b(?:a|b|…)\b`` for *alternatives* that each start with a letter, written
    so that the engine skips to their first letters: those of one first letter are tried in
    one group, and the boundary before them by a look-behind after that letter
    (``o(?<!\w.)(?:ur services|n this page)``). It finds the same matches in the same order
    (alternatives of two first letters never match at one place); a leading ``\b`` would
    make the engine try every position of the text.

    >>> re.findall(whole_words(["in stock", "sale", "sales"]), "in stock, within stock, salesale sales")
    ['in stock', 'sales']
    """
    rests: dict[str, list[str]] = {}
    for alternative in alternatives:
        rests.setdefault(alternative[0], []).append(alternative[1:])
    groups = (f"{re.escape(first)}(?<!\\w.)(?:{'|'.join(rest)})" for first, rest in rests.items())
    return "(?:" + "|".join(groups) + r")\b"
