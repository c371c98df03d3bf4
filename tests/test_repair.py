"""Tests for newsclean.repair (no network, no benchmark data)."""

from newsclean.repair import repair

MASTHEAD = "\u00c2\u9db9\u00b4\u00ab\u00c3\u00bd\u00d3\u00b3\u00bb"


def test_masthead():
    assert repair(MASTHEAD).text == "麻豆传媒映画"


def test_ascii_unchanged():
    assert repair("Plain ASCII text, nothing to do.").text == "Plain ASCII text, nothing to do."
