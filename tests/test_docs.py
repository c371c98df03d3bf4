"""The README documents every command and every reason code newsclean can give."""

from __future__ import annotations

import re

from conftest import ROOT

from newsclean.boilerplate import dom
from newsclean.boilerplate.rules import RULES
from newsclean.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")

#: Reasons decided outside the rule tables: by the region, the headline, assembly and batch.
CONTEXT_REASONS = {"image-id", "masthead", "title", "byline", "date", "short", "outside-article",
                   "duplicate", "user-rule", "repeated-across-files"}


def _documented_reasons() -> set[str]:
    section = README.split("## Reason codes", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE))


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"newsclean {name}" in README, name


def test_every_reason_code_is_documented():
    produced = {rule.reason for rule in RULES} | set(dom.LANDMARK_REASONS.values()) \
        | set(dom.HINT_REASONS.values()) | CONTEXT_REASONS
    documented = _documented_reasons()
    assert produced - documented == set()
    assert documented - produced == set()
