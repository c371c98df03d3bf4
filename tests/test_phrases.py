"""The phrase table (newsclean/data/phrases.txt): boilerplate lines of news sites in the
languages the rules' patterns do not cover, and the notices the search rules now read in
them (copyright, cookies)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclean import clean
from newsclean.extract.languages import WORD
from newsclean.extract.rules import PHRASES_PATH, RULES, match_rule, phrases

FIXTURES = Path(__file__).parent / "fixtures"
PHRASES = Path(PHRASES_PATH)


def _reason(line: str) -> str | None:
    hit = match_rule(line, len(line.split()), WORD.findall(line.lower()))
    return hit.reason if hit is not None else None


def test_every_section_is_a_rule_with_its_reason_and_every_phrase_in_one() -> None:
    lines, heads = phrases()
    known = {(rule.name, rule.reason) for rule in RULES}
    assert set(lines.values()) | set(heads.values()) <= known
    sections = PHRASES.read_text(encoding="utf-8").split("\n[")[1:]
    listed = [
        phrase.strip()
        for section in sections
        if not section.startswith("read-more-link")
        for phrase in section.splitlines()[1:]
        if phrase.strip()
    ]
    assert "#" not in "".join(sections)  # (comments only above the first section)
    assert len(lines) > 500 and len(heads) > 30
    assert len(set(listed)) == len(lines)  # (no phrase in two sections)


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Przejdź do treści", "nav"),
        ("बिज़नेस", "nav"),
        ("बि\u095bनेस", "nav"),  # ज़ as one character: the table's NFC is two
        ("শেয়ার করুন", "share"),
        ("شیئر کریں", "share"),
        ("ये भी पढ़ें: रिंग रोड पर नया चौराहा समय से पहले खुला", "related"),
        ("இதையும் படிக்க", "related"),
        ("อ่านเพิ่มเติม", "related"),
        ("แชร์", "share"),
        ("ಇದನ್ನೂ ಓದಿ", "related"),
        ("Přejít k obsahu", "nav"),
        ("Siirry sisältöön", "nav"),
        ("Strona główna", "nav"),
        ("Пошук", "nav"),
        ("Giriş Yap", "nav"),
        ("Udostępnij", "share"),
        ("Κοινοποίηση", "share"),
        ("Czytaj także", "related"),
        ("Čtěte také:", "related"),
        ("Läs också »", "related"),
        ("Ilgili Haberler", "related"),
        ("Czytaj także: Nowe rondo na obwodnicy otwarte przed terminem", "related"),
        ("Lue myös: Helsingin uusi silta valmistuu syksyllä", "related"),
        ("Komentarze (12)", "comment"),
        ("Yorumlar", "comment"),
        ("Polityka prywatności", "legal"),
        ("Gizlilik Politikası", "legal"),
        ("Reklama", "ad"),
        ("Zapisz się do newslettera", "newsletter"),
        ("Kontakt", "footer"),
        ("© 2025 Gazeta Miejska. Wszelkie prawa zastrzeżone.", "legal"),
        ("Copyright 2025 Lrytas. Visos teisės saugomos.", "legal"),
        ("© 2025 Hürriyet. Tüm hakları saklıdır.", "legal"),
        ("Ta strona używa plików cookie, aby poprawić działanie serwisu.", "cookie"),
        ("Sivusto käyttää evästeitä parantaakseen käyttökokemusta.", "cookie"),
        ("Bu sitede çerezler kullanılmaktadır.", "cookie"),
    ],
)
def test_boilerplate_in_more_languages(line: str, reason: str) -> None:
    assert _reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        # prose that holds a phrase's words, and English words the table leaves out
        "Radni przegłosowali we wtorek plan budowy linii tramwajowej, a komentarze były różne.",
        "Kontakt z urzędem jest możliwy od poniedziałku do piątku w godzinach pracy.",
        "Hem",
        "Start",
        "Info",
    ],
)
def test_prose_and_english_words_are_not_phrases(line: str) -> None:
    assert _reason(line) is None


def test_polish_dump_gives_its_reasons() -> None:
    """The menu's skip link, the share button, the related header and the footer's legal
    lines of a Polish news dump are dropped for what they are, not for their place."""
    doc = clean((FIXTURES / "dumps" / "news_pl.txt").read_text(encoding="utf-8"), input="text")
    reasons = {removal.text: removal.reason for removal in doc.removed}
    assert reasons["Przejdź do treści"] == "nav"
    assert reasons["Udostępnij"] == "share"
    assert reasons["Czytaj także"] == "related"
    assert reasons["Polityka prywatności"] == "legal"
    assert reasons["© 2025 Gazeta Miejska. Wszelkie prawa zastrzeżone."] == "legal"
    assert len(doc.paragraphs) == 5


def test_phrases_are_in_nfc() -> None:
    """Lines are looked up in NFC (an Indic letter with a nukta has two spellings)."""
    from unicodedata import is_normalized

    text = PHRASES.read_text(encoding="utf-8")
    assert is_normalized("NFC", text)


@pytest.mark.parametrize(
    "line, count",
    [
        ("Udostępnij na Facebooku", 1),  # (udostępnij; "na" is a function word)
        ("Copiar enlace y compartir", 1),
        ("शेयर करें और टिप्पणी करें", 2),
        ("Rada miasta zatwierdziła plan budowy nowej linii tramwajowej.", 0),
        ("The media page has a note on legal aid.", 0),  # (English words of the table)
    ],
)
def test_the_line_model_counts_boilerplate_words_of_every_language(line: str, count: int) -> None:
    from newsclean.extract.linemodel import boiler_words

    assert boiler_words(line) == count
