"""Tests for newsclean.text.decode, one or more per rung of the ladder."""

import codecs
import json
import time
from pathlib import Path

import pytest

from newsclean.text.decode import decode, decode_text
from newsclean.text.detect import CANDIDATES, decode_counting, decode_lines
from newsclean.text.repair import repair

RU = "Правительство объявило новые меры поддержки малого бизнеса и семей с детьми. " * 3
ZH = "北京市政府今天发布了新的交通规定，市民可以通过网站查询详细信息。" * 3


def test_forced():
    d = decode("Grüße".encode("cp1252"), encoding="latin-1")
    assert (d.text, d.method, d.encoding) == ("Grüße", "forced", "iso8859-1")


def test_forced_counts_replacements():
    d = decode(b"ab\xffcd", encoding="utf-8")
    assert d.replacements == 1 and d.text == "ab\ufffdcd"


@pytest.mark.parametrize(
    "bom,codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
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


@pytest.mark.parametrize(
    "codec,text",
    [
        ("cp1251", RU),
        ("gbk", ZH),
        ("koi8-r", RU),
        ("shift_jis", "東京都は新しい計画を発表しました。市民は驚いています。" * 3),
    ],
)
def test_detector_or_model(codec, text):
    d = decode(text.encode(codec))
    assert d.text == text
    assert d.method in ("detector", "model")


def test_ascii_heavy_with_a_legacy_sentence():
    english = (
        "The council met on Tuesday to discuss the new budget, which includes "
        "funding for roads, schools and the public library. "
    ) * 8
    data = (
        english.encode()
        + "市长表示，新的预算将帮助城市发展。".encode("gbk")
        + b"\n"
        + english.encode()
    )
    d = decode(data)
    assert "市长表示，新的预算将帮助城市发展。" in d.text


def test_a_file_mixing_code_pages_takes_the_model_reading_whole():
    # every byte decodes in several single-byte code pages, so the segments rung is not
    # reached: the model rung reads the whole file as cp1251 (its Russian line wins) and
    # the GBK line is left in that reading; repair does not undo GBK read as cp1251
    zh = "第二行是中文。"
    data = (
        "Первая строка по-русски.\n".encode("cp1251")
        + b"\x81\x81 broken \xff\n"
        + zh.encode("gbk")
        + b"\n"
    )
    d = decode(data)
    assert (d.method, d.encoding) == ("model", "cp1251")
    assert d.text.splitlines() == [
        "Первая строка по-русски.",
        "ЃЃ broken я",
        zh.encode("gbk").decode("cp1251"),
    ]
    assert repair(d.text).text == d.text


def test_segments_decode_each_line_with_its_own_code_page():
    zh = "第二行是中文。"
    data = "Первая строка по-русски.\n".encode("cp1251") + zh.encode("gbk") + b"\n"
    d = decode_lines(data, ["cp1251", "gbk"])
    assert (d.method, d.text) == ("segments", "Первая строка по-русски.\n" + zh + "\n")


def test_fallback_counts_replacements():
    # decode() itself never gets this far on such bytes (some code page, e.g. mac-cyrillic,
    # decodes every byte), so the fallback's decoding is checked directly
    assert decode_counting(b"\x81\x8d\x8f\x90\x9d" * 3, "cp1252") == ("\ufffd" * 15, 15)


def test_decode_text():
    assert decode_text("café".encode()) == "café"


def test_to_dict():
    assert decode(b"x").to_dict() == {
        "name": "utf-8",
        "confidence": 1.0,
        "method": "utf-8",
        "replacements": 0,
    }


# ---------------------------------------------------------------- nearly valid UTF-8

ES = (
    "El Gobierno anunció el martes nuevas ayudas para las pequeñas empresas y las familias "
    "con niños; la oposición pidió más información sobre el coste. "
) * 4


@pytest.mark.parametrize("junk", [b"\xff\xfe", b"\x81", b"\xe9", b"\xc3"])
def test_utf8_with_a_few_bad_bytes_is_utf8(junk):
    data = ES.encode("utf-8")
    d = decode(data[:200] + junk + data[200:])
    assert (d.encoding, d.method) == ("utf-8", "utf-8-replaced")
    assert d.replacements == len(junk) if junk != b"\xff\xfe" else d.replacements == 2
    assert d.text.replace("\ufffd", "") == ES
    assert 0.5 < d.confidence < 1.0


def test_utf8_cut_in_the_middle_of_a_character():
    data = ES.encode("utf-8")
    cut = data.rindex("ó".encode()) + 1
    d = decode(data[:cut])
    assert d.method == "utf-8-replaced" and d.text.endswith("\ufffd") and d.replacements == 1


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_legacy_latin_is_not_taken_for_broken_utf8(codec):
    d = decode(ES.encode(codec))
    assert d.text == ES and d.method != "utf-8-replaced"


def test_a_few_sequences_are_needed():
    # two stray high bytes and one valid sequence: not enough to call it UTF-8
    d = decode(b"abc \xc3\xa9 def \xe9 ghi \xfc")
    assert d.method != "utf-8-replaced"


# ---------------------------------------------------------------- big files stay fast


@pytest.mark.parametrize(
    "make",
    [
        lambda: RU.encode("cp1251") * (20_000_000 // len(RU.encode("cp1251"))),
        lambda: ZH.encode("gbk") * (20_000_000 // len(ZH.encode("gbk"))),
        lambda: (
            (("The council met on Tuesday. " * 20).encode() + ZH.encode("gbk") + b"\n") * 30_000
        ),
        lambda: (
            (RU.encode("cp1251") + b"\n" + ZH.encode("gbk") + b"\n\x98\x80\xff junk\n") * 40_000
        ),
        lambda: ES.encode() * 40_000 + b"\xff" + ES.encode() * 40_000,
    ],
    ids=["cp1251", "gbk", "ascii-heavy", "mixed-lines", "utf8-one-bad-byte"],
)
def test_big_legacy_file_decodes_in_seconds(make):
    data = make()
    start = time.perf_counter()
    d = decode(data)
    assert time.perf_counter() - start < 10.0
    assert len(d.text) > len(data) // 4


def test_segments_stay_bounded():

    line = RU.encode("cp1251") + b"\n" + "第二行是中文。\n".encode("gbk")
    data = line * 50_000 + b"".join(b"%d " % i + line for i in range(50_000))
    start = time.perf_counter()
    d = decode_lines(data, [codecs.lookup(c).name for c in CANDIDATES])
    assert time.perf_counter() - start < 10.0
    # lines judged before the budget was spent, and their repeats, are right
    assert d.text.splitlines()[:4] == [RU, "第二行是中文。"] * 2
    assert d.text.splitlines()[99_998:100_000] == [RU, "第二行是中文。"]


# ---------------------------------------------------------------- priors and evidence

REAL = [
    json.loads(line)
    for line in (Path(__file__).parent / "fixtures" / "real_text" / "lines.jsonl").open(
        encoding="utf-8"
    )
]
ENGLISH = [r["text"] for r in REAL if r["lang"] == "en"]
WESTERN = ("en", "fr", "de", "es", "pt", "it", "nl", "sv")


def _short_and_ascii_heavy(langs, codec):
    """Real lines of *langs* that *codec* encodes (and that are not valid UTF-8 then):
    each alone, and after an English line (mostly ASCII)."""
    out = []
    for i, r in enumerate(REAL):
        if r["lang"] not in langs:
            continue
        for text in (r["text"], ENGLISH[i % len(ENGLISH)] + "\n" + r["text"] + "\n"):
            try:
                data = text.encode(codec)
                data.decode("utf-8")
            except UnicodeEncodeError:
                continue
            except UnicodeDecodeError:
                out.append((text, data))
    return out


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_short_western_text_keeps_its_common_code_page(codec):
    # curly quotes, dashes and accents in a line or two: the common code page wins
    # unless the bytes say otherwise (they came out as mac-roman, cp1250 or cp1257)
    cases = _short_and_ascii_heavy(WESTERN, codec)
    wrong = [(text, decode(data).encoding) for text, data in cases if decode(data).text != text]
    # (a few single short lines the detector itself reads as cp1257 or cp1251 may stay)
    assert len(cases) > 60 and len(wrong) <= len(cases) // 20, wrong


@pytest.mark.parametrize(
    "text",
    [
        "The company’s chief said “We have learned a lot” — and it’s true.\n",
        "Prices rose ¥1.2 trillion, said the minister in Genève.\n",
        "Un séjour à Genève coûte 1 200 € — « un budget », dit-il.\n",
    ],
)
def test_a_few_signs_are_not_evidence_for_a_rare_code_page(text):
    assert decode(text.encode("cp1252")).text == text


def test_letters_of_another_alphabet_among_latin_words_are_not_a_reading():
    # Italian in cp1252: "è" read as the Cyrillic "и" is cheap letter by letter, but
    # leaves a lone Cyrillic letter between Latin words and glues others to them
    text = "\n".join(r["text"] for r in REAL if r["lang"] == "it") + "\n"
    assert decode(text.encode("cp1252")).text == text


@pytest.mark.parametrize(
    "codec,langs",
    [
        ("cp1250", ("cs", "pl", "hu", "hr", "ro")),
        ("cp1251", ("ru", "uk", "bg")),
        ("cp1253", ("el",)),
        ("cp1256", ("ar", "fa")),
        ("gbk", ("zh-Hans",)),
        ("shift_jis", ("ja",)),
    ],
)
def test_other_scripts_and_code_pages_still_win_with_enough_text(codec, langs):
    text = "\n".join(r["text"] for r in REAL if r["lang"] in langs) + "\n"
    assert decode(text.encode(codec, "ignore")).text == text.encode(codec, "ignore").decode(codec)


def test_mac_cyrillic_is_told_from_cp1251():
    # the detector no longer looks at Mac code pages; its cp1251 answer is checked
    text = "\n".join(r["text"] for r in REAL if r["lang"] == "ru") + "\n"
    assert decode(text.encode("mac-cyrillic")).text == text
