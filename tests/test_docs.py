"""The README documents every command and every reason code newsclean can give."""

from __future__ import annotations

import re

from conftest import ROOT

from newsclean.cli import cli
from newsclean.extract.html import dom
from newsclean.extract.rules import RULES
from newsclean.extract.tail import TAIL_PATTERNS

README = (ROOT / "README.md").read_text(encoding="utf-8")

#: Reasons decided outside the rule tables: by the region, the headline, assembly and batch.
CONTEXT_REASONS = {
    "image-id",
    "masthead",
    "title",
    "byline",
    "date",
    "short",
    "outside-article",
    "duplicate",
    "user-rule",
    "repeated-across-files",
    "model",
}


def _documented_reasons() -> set[str]:
    section = README.split("## Reason codes", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE))


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"newsclean {name}" in README, name


def test_every_reason_code_is_documented():
    produced = (
        {rule.reason for rule in RULES}
        | set(dom.LANDMARK_REASONS.values())
        | set(dom.HINT_REASONS.values())
        | CONTEXT_REASONS
        | {reason for _, reason, _ in TAIL_PATTERNS}
    )
    documented = _documented_reasons()
    assert produced - documented == set()
    assert documented - produced == set()


def _json_section() -> str:
    return README.split("## JSON output", 1)[1].split("\n## ", 1)[0]


def test_every_error_code_is_documented():
    from newsclean import errors

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    codes = {cls.code for cls in subclasses(errors.InputError)} | {errors.INTERNAL}
    section = _json_section()
    assert {code for code in codes if f"`{code}`" not in section} == set()


def test_every_warning_code_is_documented():
    # every Notice the package creates, found in its source
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "newsclean").rglob("*.py"))
    codes = set(re.findall(r'Notice\(\s*"([a-z-]+)"', source))
    assert {"thin", "nul-removed", "foreign-script-repair", "repair-budget"} <= codes
    table = _json_section().split("Warning codes:", 1)[1]
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.MULTILINE))
    assert codes == documented
