"""The ``http`` rung: the charset of a page's HTTP ``Content-Type`` as a decoding hint."""

from __future__ import annotations

import codecs

from newsclean.pipeline import clean
from newsclean.text.decode import decode

GERMAN = "Die Bürgerinnen und Bürger der Stadt Köln haben am Sonntag über die Zukunft der Straßenbahn abgestimmt."
RUSSIAN = "Жители города проголосовали в воскресенье за новую линию трамвая, сообщили в мэрии."


def test_the_header_charset_is_believed_when_the_bytes_decode_with_it():
    decoded = decode(GERMAN.encode("cp1252"), hint="windows-1252")
    assert (decoded.text, decoded.encoding, decoded.method) == (GERMAN, "cp1252", "http")
    # an ISO-8859-1 label is read as windows-1252, as browsers do
    quoted = "Er sagte: \u201eJa\u201c \u2013 und ging.".encode("cp1252")
    assert decode(quoted, hint="ISO-8859-1").text == "Er sagte: \u201eJa\u201c \u2013 und ging."


def test_bytes_that_contradict_the_header_overrule_it():
    # valid UTF-8 (a server labelling every page ISO-8859-1) and a BOM come first
    assert decode(GERMAN.encode("utf-8"), hint="iso-8859-1").method == "utf-8"
    assert decode(codecs.BOM_UTF8 + GERMAN.encode("utf-8"), hint="cp1251").method == "bom"
    # a hint the bytes do not decode with is ignored: the ladder goes on
    assert decode(RUSSIAN.encode("cp1251"), hint="shift_jis").text == RUSSIAN


def test_a_contradicting_meta_charset_wins_only_on_evidence():
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    data = page.encode("cp1251")
    # the header says Latin-1; the page says cp1251 and reads far better in it
    decoded = decode(data, declared="windows-1251", hint="iso-8859-1")
    assert (decoded.encoding, decoded.method) == ("cp1251", "declared") and RUSSIAN in decoded.text
    # a wrong <meta charset> does not overrule a header the text agrees with
    german = (
        f'<html><head><meta charset="koi8-r"></head><body><p>{GERMAN}</p></body></html>'.encode(
            "cp1252"
        )
    )
    decoded = decode(german, declared="koi8-r", hint="windows-1252")
    assert (decoded.encoding, decoded.method) == ("cp1252", "http") and GERMAN in decoded.text


def test_clean_passes_the_hint_to_the_ladder():
    html = f"<html><body><h1>Abstimmung</h1><p>{GERMAN}</p></body></html>".encode("cp1252")
    document = clean(html, hint="windows-1252")
    assert document.decoded.method == "http" and GERMAN in document.text
    assert clean(html).decoded.method != "http"
