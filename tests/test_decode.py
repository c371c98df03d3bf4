"""Tests for newsclean.decode, one or more per rung of the ladder."""

import codecs

import pytest

from newsclean.decode import decode, decode_text

RU = "Правительство объявило новые меры поддержки малого бизнеса и семей с детьми. " * 3
ZH = "北京市政府今天发布了新的交通规定，市民可以通过网站查询详细信息。" * 3


def test_forced():
    d = decode("Grüße".encode("cp1252"), encoding="latin-1")
    assert (d.text, d.method, d.encoding) == ("Grüße", "forced", "iso8859-1")


def test_forced_counts_replacements():
    d = decode(b"ab\xffcd", encoding="utf-8")
    assert d.replacements == 1 and d.text == "ab\ufffdcd"


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_bom(bom, codec):
    d = decode(bom + "héllo".encode(codec))
    assert (d.text, d.method) == ("héllo", "bom")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["Plain English text, nothing more.", RU])
def test_utf16_without_bom(codec, text):
    d = decode(text.encode(codec))
    assert (d.text, d.encoding, d.method) == (text, codec, "nul-pattern")


def test_utf8():
    d = decode(RU.encode("utf-8"))
    assert (d.text, d.method, d.confidence) == (RU, "utf-8", 1.0)


def test_ascii_is_utf8():
    assert decode(b"just ascii").method == "utf-8"


def test_declared_used_after_utf8():
    d = decode(RU.encode("cp1251"), declared="windows-1251")
    assert (d.text, d.method, d.encoding) == (RU, "declared", "cp1251")


def test_declared_ignored_when_it_fails():
    d = decode(ZH.encode("gbk"), declared="ascii")
    assert d.text == ZH and d.method != "declared"


@pytest.mark.parametrize("codec,text", [("cp1251", RU), ("gbk", ZH), ("koi8-r", RU),
                                        ("shift_jis", "東京都は新しい計画を発表しました。市民は驚いています。" * 3)])
def test_detector_or_model(codec, text):
    d = decode(text.encode(codec))
    assert d.text == text
    assert d.method in ("detector", "model")


def test_ascii_heavy_with_a_legacy_sentence():
    english = ("The council met on Tuesday to discuss the new budget, which includes "
               "funding for roads, schools and the public library. ") * 8
    data = english.encode() + "市长表示，新的预算将帮助城市发展。".encode("gbk") + b"\n" + english.encode()
    d = decode(data)
    assert "市长表示，新的预算将帮助城市发展。" in d.text


def test_segments_when_no_single_codec_fits():
    data = ("Первая строка по-русски.\n".encode("cp1251") + b"\x81\x81 broken \xff\n"
            + "第二行是中文。\n".encode("gbk"))
    d = decode(data)
    assert d.method in ("segments", "model", "fallback")
    assert d.text.count("\n") == 3


def test_fallback_counts_replacements():
    d = decode(b"\x81\x8d\x8f\x90\x9d" * 3)
    assert d.replacements >= 0 and isinstance(d.text, str)


def test_decode_text():
    assert decode_text("café".encode()) == "café"


def test_to_dict():
    assert decode(b"x").to_dict() == {"name": "utf-8", "confidence": 1.0, "method": "utf-8", "replacements": 0}
