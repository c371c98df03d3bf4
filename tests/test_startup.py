"""Start-up stays light: heavy modules load only when an input needs them.

Speed itself is measured in BENCHMARKS.md ("Start-up"); these tests check what is
imported, which is deterministic.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

#: Loaded only when a page needs them (or a command other than clean shows something).
HEAVY = (
    "ftfy",
    "chardet",
    "rich",
    "selectolax",
    "wcwidth",
    "tempfile",
    "importlib.resources",
    "newsclean.extract.judge",
    "newsclean.extract.html.blocks",
    "newsclean.text.readings",
    "newsclean.text.rebuild",
    "newsclean.text.gaps",
    "newsclean.text.lattice",
    "newsclean.text.search",
    "newsclean.text.relabel",
    "newsclean.text.plausibility",
    "newsclean.io.sources",
    "fastwarc",
    "warcio",
    "newsclean.extract.html.meta",
    "html",
)


def _loaded(code: str) -> dict:
    """Run *code* in a fresh interpreter; return the heavy modules it imported and the model state."""
    script = (
        f"import sys, json\n{code}\n"
        "model = sys.modules.get('newsclean.text.plausibility')\n"
        "print(json.dumps({'modules': [m for m in " + repr(HEAVY) + " if m in sys.modules],\n"
        "                  'model_loaded': bool(model and model._data.cache_info().currsize)}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def test_importing_the_command_line_imports_nothing_heavy():
    assert _loaded("import newsclean.cli")["modules"] == []


def test_a_clean_page_loads_neither_the_repair_model_nor_ftfy():
    page = (
        "Storm closes schools\n\n"
        + "Schools across the region were closed on Monday after the storm "
        "brought down power lines, officials said in a statement \u2014 \u201cwe are safe\u201d.\n"
        * 3
    )
    loaded = _loaded(
        f"from newsclean.pipeline import clean\ndoc = clean({page!r}.encode('utf-8'))\n"
        "assert doc.body.startswith('Schools across')"
    )
    assert loaded["model_loaded"] is False
    assert not {"ftfy", "chardet", "rich", "selectolax", "wcwidth"} & set(loaded["modules"])
    # telling text from HTML needs only html_sniff, not what reads an HTML page's head
    assert not {"newsclean.extract.html.meta", "newsclean.extract.html.blocks", "html"} & set(
        loaded["modules"]
    )


def test_a_page_with_mojibake_loads_the_model():
    page = "Caf\u00c3\u00a9 owners said the caf\u00c3\u00a9\u00e2\u20ac\u2122s prices would rise next month.\n"
    loaded = _loaded(f"from newsclean.text.repair import repair\nassert repair({page!r}).repairs")
    assert loaded["model_loaded"] is True and "ftfy" in loaded["modules"]


def test_the_clean_command_on_a_text_file_loads_no_archive_reader(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "Storm closes schools\n\n" + "Schools across the region were closed on Monday after "
        "the storm brought down power lines, officials said in a statement.\n" * 3
    )
    out = tmp_path / "out.txt"
    loaded = _loaded(
        "from newsclean.cli import main\n"
        f"sys.argv = ['newsclean', 'clean', {str(page)!r}, '-o', {str(out)!r}]\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code"
    )
    assert out.read_text().startswith("Storm closes schools\n\nSchools across")
    assert not {"newsclean.io.sources", "fastwarc", "warcio", "ftfy", "rich"} & set(
        loaded["modules"]
    )


SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "000_327f9b9f446e87e2.txt"


def test_a_cjk_page_read_as_latin1_is_repaired_without_importing_ftfy():
    # its broken lines hold characters no single-byte code page encodes: ftfy cannot
    # change them, so the gate answers for it and our own search repairs them
    loaded = _loaded(
        f"from newsclean.text.repair import repair\n"
        f"r = repair(open({str(SAMPLE)!r}, encoding='utf-8').read())\n"
        "assert [x.after for x in r.repairs] == ['\u9ebb\u8c46\u4f20\u5a92\u6620\u753b'] * 2"
    )
    assert loaded["model_loaded"] is True
    assert not {"ftfy", "wcwidth"} & set(loaded["modules"])


def test_the_ftfy_gate_uses_supersets_of_ftfys_character_classes():
    import ftfy.chardata as chardata

    from newsclean.text.ftfy_gate import CHARMAP_ENCODINGS, decoded_chars, gate_tables

    assert [codec for codec, _ in CHARMAP_ENCODINGS] == [
        name.replace("sloppy-windows-", "cp").replace("macroman", "mac-roman")
        for name in chardata.CHARMAP_ENCODINGS
    ]
    encodable, _ = gate_tables()
    for name in chardata.CHARMAP_ENCODINGS:
        charlist = bytes(list(range(0x80, 0x100)) + [0x1A]).decode(name)
        assert {ch for ch in charlist if ch >= "\x80"} <= encodable, name
    clues = chardata.UTF8_CLUES
    assert max("".join(clues.values())) < "\U00010000"
    bmp = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]
    # the gate looks for any lead character then a continuation
    for key, mine in (
        ("utf8_first_of_2", decoded_chars(0xC2, 0xF4)),
        ("utf8_first_of_3", decoded_chars(0xC2, 0xF4)),
        ("utf8_first_of_4", decoded_chars(0xC2, 0xF4)),
        ("utf8_continuation", decoded_chars(0x80, 0xBF) + " "),
    ):
        theirs = re.compile(f"[{clues[key]}]")
        assert {ch for ch in bmp if theirs.fullmatch(ch)} <= set(mine), key
    # the gate's look-behind only blocks characters ftfy's blocks too
    strict = re.compile(f"[{clues['utf8_continuation_strict']}]")
    assert all(strict.fullmatch(chr(c)) for c in range(0x80, 0xC0))


_MIX = st.text(
    st.sampled_from(
        [chr(c) for c in range(0x80, 0x250)]
        + [chr(c) for c in range(0x370, 0x460)]
        + list("\u2013\u2014\u2018\u2019\u201c\u201d\u2020\u2122\u2500\u2550\ufffd")
        + list("\u9ebb\u8c46\u4f20\u5a92\u6620\u753b\u9db9\u30a2\ud55c ae\n")
    ),
    max_size=12,
)


@given(_MIX)
def test_what_the_ftfy_gate_passes_ftfy_leaves_unchanged(text):
    import ftfy

    from newsclean.text.ftfy_gate import leaves_unchanged

    if leaves_unchanged(text):
        assert ftfy.fix_encoding_and_explain(text) == (text, [])


@given(
    st.text(
        st.sampled_from(
            list(
                "ab 1\u00e9\u303f\u3040\u30ff\u3100\u33ff\u3400\u4dbf\u4dc0\u4e00\u9fff\ua000"
                "\uabff\uac00\ud7af\ud7b0\uff65\uff66\uff9f\uffa0\U00020000"
            )
        )
    )
)
def test_counting_cjk_characters_one_by_one_agrees_with_the_pattern(text):
    from newsclean.extract import languages

    languages._script.cache_clear()
    by_loop = languages.cjk_count(text)  # nothing compiled, a short text: counted one by one
    assert len(languages._script("cjk").findall(text)) == by_loop == languages.cjk_count(text)
