"""Tests for newsclean.decode."""

from newsclean.decode import decode


def test_utf8():
    assert decode("café".encode()).method == "utf-8"
