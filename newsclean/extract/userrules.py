"""User rules: site-specific lines to drop or always keep, from a small text file.

The format, one rule a line::

    # comments and blank lines are ignored
    drop newsletter: Sign up for our daily briefing
    drop ad: /^Sponsored by .*$/
    drop: Follow us on Mastodon
    keep: /^Editor's note:/

``drop REASON: PATTERN`` drops every line that matches, with the reason code
REASON (letters, digits and ``-``; ``user-rule`` when left out). ``keep: PATTERN``
always keeps a matching line in the article body, whatever the built-in rules
say. A PATTERN between slashes is a regular expression (searched in the
stripped line, case-insensitive); otherwise it is a phrase matched
case-insensitively anywhere in the line. Rules are tried in file order; the
first that matches decides.

>>> rules = parse_rules("drop ad: /^sponsored/\\nkeep: Editor's note")
>>> rules.match("Sponsored by Acme").reason
'ad'
>>> rules.match("EDITOR'S NOTE: this story was updated.").action
'keep'
>>> rules.match("An ordinary sentence.") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsclean.errors import RulesError
from newsclean.extract.rules import Hit

if TYPE_CHECKING:  # pragma: no cover
    from newsclean.extract.features import Line

_LINE = re.compile(
    r"^(?P<action>drop|keep)(?:\s+(?P<reason>[A-Za-z0-9][\w-]*))?\s*:\s*(?P<pattern>.*?)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class UserRule:
    """One parsed rule."""

    action: str
    reason: str
    #: The pattern as written in the file.
    source: str
    #: 1-based line number in the rules file.
    line: int
    regex: re.Pattern[str] | None = None
    phrase: str = ""

    def matches(self, text: str) -> bool:
        if self.regex is not None:
            return self.regex.search(text) is not None
        return self.phrase in text.casefold()


@dataclass(frozen=True)
class UserRules:
    """An ordered, immutable set of user rules (``Options.rules``)."""

    rules: tuple[UserRule, ...] = ()
    #: Where the rules came from, for messages.
    source: str = ""
    #: SHA-256 of the rules file's bytes (batch fingerprints its outputs with it).
    sha256: str | None = None

    def match(self, text: str) -> UserRule | None:
        """The first rule that matches the stripped line *text*, or ``None``."""
        stripped = text.strip()
        for rule in self.rules:
            if rule.matches(stripped):
                return rule
        return None

    def __len__(self) -> int:
        return len(self.rules)


def parse_rules(text: str, source: str = "<rules>") -> UserRules:
    """Parse the rules format; raise :class:`RulesError` naming the bad line.

    >>> len(parse_rules("# only a comment\\n\\ndrop: Share this"))
    1
    >>> parse_rules("remove: x")
    Traceback (most recent call last):
    ...
    newsclean.errors.RulesError: <rules>, line 1: expected 'drop [REASON]: PATTERN' or 'keep: PATTERN', got 'remove: x' (see 'User rules' in the README for the format)
    """
    rules = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            raise RulesError(
                f"{source}, line {number}: expected 'drop [REASON]: PATTERN' or "
                f"'keep: PATTERN', got {line[:60]!r}"
            )
        action = m.group("action").lower()
        reason = (m.group("reason") or "").lower()
        pattern = m.group("pattern")
        if action == "keep" and reason:
            raise RulesError(f"{source}, line {number}: 'keep' takes no reason code")
        if not pattern:
            raise RulesError(f"{source}, line {number}: empty pattern")
        if action == "drop" and not reason:
            reason = "user-rule"
        if len(pattern) >= 2 and pattern.startswith("/") and pattern.endswith("/"):
            try:
                regex = re.compile(pattern[1:-1], re.IGNORECASE)
            except re.error as error:
                raise RulesError(
                    f"{source}, line {number}: bad regular expression {pattern!r}: {error}"
                ) from None
            rules.append(UserRule(action, reason, pattern, number, regex=regex))
        else:
            rules.append(UserRule(action, reason, pattern, number, phrase=pattern.casefold()))
    return UserRules(tuple(rules), source)


def load_rules(path: str | Path) -> UserRules:
    """Read a rules file (UTF-8); raise :class:`RulesError` when it cannot be read or parsed."""
    import hashlib

    try:
        data = Path(path).read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(f"cannot read rules file {str(path)!r}: {error}") from None
    return replace(parse_rules(text, str(path)), sha256=hashlib.sha256(data).hexdigest())


def apply_user_rules(lines: list[Line], rules) -> set[int]:
    """Apply user *rules* (a :class:`UserRules`, or None) to a page's *lines* before the
    classifier: a ``drop`` rule marks the line, a ``keep`` rule protects it. Returns the
    numbers of the lines kept by a rule."""
    forced: set[int] = set()
    if rules is None:
        return forced
    for line in lines:
        if line.blank:
            continue
        verdict = rules.match(line.text)
        if verdict is None:
            continue
        if verdict.action == "keep":
            forced.add(line.number)
            line.hit, line.byline, line.date_line = None, False, False
            line.cls, line.why = "good", f"user rule line {verdict.line}: keep"
        else:
            line.hit = Hit(
                f"user-rule:{verdict.line}", verdict.reason, f"user rule line {verdict.line}"
            )
            line.cls, line.why = "bad", line.hit.evidence
    return forced
