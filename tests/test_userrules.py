"""User rules files (newsclean.extract.userrules)."""

from __future__ import annotations

import dataclasses

import pytest

from newsclean.errors import RulesError
from newsclean.extract.userrules import UserRules, load_rules, parse_rules
from newsclean.options import Options
from newsclean.pipeline import clean


def test_load_rules_file(tmp_path) -> None:
    path = tmp_path / "site.rules"
    path.write_text(
        "# site rules\n\ndrop newsletter: Sign up for our daily briefing\n"
        "drop ad: /^Sponsored by .*$/\ndrop: Follow us\nkeep: /^Editor's note:/\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert isinstance(rules, UserRules) and len(rules) == 4
    assert rules.match("  SIGN UP for our daily briefing today ").reason == "newsletter"
    assert rules.match("Sponsored by Acme Corp").reason == "ad"
    assert rules.match("Please follow us on social media").reason == "user-rule"
    assert rules.match("Editor's note: updated").action == "keep"
    assert rules.match("An editor's note: not at start") is None


def test_rules_are_frozen() -> None:
    rules = parse_rules("drop: x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.rules = ()  # type: ignore[misc]


@pytest.mark.parametrize(
    "text, line",
    [
        ("drop ad: ok\nremove: x", 2),
        ("\n\ndrop ad: /([unclosed/", 3),
        ("keep ad: something", 1),
        ("drop:", 1),
        ("# c\ndrop bad reason!: x", 2),
    ],
)
def test_bad_rules_name_the_line(text: str, line: int) -> None:
    with pytest.raises(RulesError) as info:
        parse_rules(text, "site.rules")
    assert f"line {line}" in str(info.value)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(RulesError):
        load_rules(tmp_path / "nope.rules")


def test_rules_change_the_output() -> None:
    text = (
        "Storm hits coast\n\nThe storm reached the coast on Monday and knocked out power for thousands of homes.\n\n"
        "Sponsored by Acme Insurance: protect your home today with our new storm policy for families.\n\n"
        "Officials said that most homes would have power again by the end of the week.\n"
    )
    plain = clean(text)
    ruled = clean(text, Options(rules=parse_rules("drop ad: /^Sponsored by/")))
    assert any(p.startswith("Sponsored by") for p in plain.paragraphs)
    assert not any(p.startswith("Sponsored by") for p in ruled.paragraphs)
    assert any(r.reason == "ad" and r.rule.startswith("user-rule") for r in ruled.removed)
