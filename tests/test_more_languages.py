"""Pages in the languages added to the stopword lists: detected, dated, read on English's
density scale, and English pages never taken for them."""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT

from newsclean import clean
from newsclean.extract.features import Limits, page_lines
from newsclean.extract.languages import (
    DENSITY,
    WORD,
    density,
    detect_language,
    english_scale,
    stopwords,
)
from newsclean.extract.linemodel import page_rows
from newsclean.extract.metadata import NOT_NAME, is_byline, is_date_line, parse_date

FIXTURES = Path(__file__).parent / "fixtures"
LINES = FIXTURES / "real_text" / "lines.jsonl"


def _catalog_lines() -> dict[str, list[str]]:
    """The committed translated messages (Debian catalogs), by language."""
    found: dict[str, list[str]] = defaultdict(list)
    for row in LINES.read_text(encoding="utf-8").splitlines():
        record = json.loads(row)
        found[record["lang"]].append(record["text"])
    return found


#: The fixture's languages whose committed messages are many and long enough for a mean
#: density. The others have three or four short technical messages of six words or more
#: (Lithuanian's three give 2.1 times English's on its scale, Estonian's four 3.0); their
#: thresholds are checked against the calibration's 24 to 378 sentences
#: (:func:`test_shipped_thresholds_are_the_calibrated_ones`).
SCALED = "fr de es pt it nl sv pl cs hu hr ro ru uk el tr he fa vi".split()
#: The fixture's languages that have a list (Arabic's, Urdu's, Telugu's and Kannada's messages
#: there are labels and short phrases, too few function words to tell a language by).
LISTED = SCALED + "bg sk da no fi ca id sr sl lt lv et sq hi mr bn ta gu pa ne".split()


def test_every_list_has_thresholds() -> None:
    assert set(stopwords()) == set(DENSITY)


#: The languages whose thresholds ``bench/density_calibration.py`` sets (the others were
#: tuned on pages before it existed).
CALIBRATED = (
    "pl cs sk hr uk el ro hu tr sv da no fi ca vi ar fa he bg sr sl lt lv et sq hi mr bn ta gu pa ne"
    " te kn".split()
)


def test_shipped_thresholds_are_the_calibrated_ones() -> None:
    """A list edited without calibrating again leaves stale thresholds (two did, once)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import density_calibration

    measured = {code: density_calibration.calibrate(code) for code in CALIBRATED}
    if not all(measured.values()):
        pytest.skip("the Debian translation catalogs are not installed (/usr/share/locale)")
    for code, (_count, english, translated) in measured.items():
        assert DENSITY[code] == density_calibration.scaled(english, translated), code


@pytest.mark.parametrize("code", LISTED)
def test_translated_messages_detected(code: str) -> None:
    assert detect_language(_catalog_lines()[code]) == code


def test_english_scale_brings_prose_together() -> None:
    """Function words are fewer in Turkish, Czech or Ukrainian prose than in English (they
    are suffixes, or there are no articles); on English's scale, each language's messages
    are as dense as English ones, give or take a third. Raw, several fall below two thirds."""
    long = {
        code: [t for t in lines if len(t.split()) >= 6] for code, lines in _catalog_lines().items()
    }

    def mean(code: str, scaled: bool) -> float:
        factor = english_scale(code) if scaled else 1.0
        return statistics.mean(
            density(WORD.findall(t.lower()), t, code) * factor for t in long[code]
        )

    english = mean("en", False)
    # (a language with fewer than three messages of six words or more says too little)
    spread = [mean(code, True) / english for code in SCALED if len(long[code]) >= 3]
    raw = [mean(code, False) / english for code in ("uk", "cs", "tr")]
    assert all(0.66 <= ratio <= 1.5 for ratio in spread), spread
    assert all(ratio < 0.66 for ratio in raw), raw


def test_line_model_rows_read_the_scaled_density() -> None:
    text = [
        "Menü",
        "",
        "Meclis üyeleri salı günü istasyonu şehrin kuzeyindeki mahallelere bağlayacak tramvay hattının planını kabul etti.",
        "Belediyeye göre ilk çalışmalar sonbaharda başlayacak ve tüm yatırım yaklaşık üç yıl sürecek.",
    ]
    lines, language = page_lines(text, Limits())
    assert language == "tr"
    content = [line for line in lines if line.text]
    for line in content:
        line.keep = line.cls == "good"
    rows = dict(page_rows(content, 1, 2, language))
    prose = content[2]  # ("ve", "göre": Turkish writes few function words apart)
    assert prose.density > 0
    assert rows[2][2] == pytest.approx(prose.density * english_scale("tr"))
    assert rows[2][2] > prose.density


def test_english_listing_with_possessives_stays_english() -> None:
    """ "Sam's" gives the token "s", a preposition in Czech and Croatian: not a list word."""
    dump = "\n".join(
        [
            "Sam's Club Member's Mark Adjustable Dumbbell Set, 50 lb",
            "Sam's Club exclusive: Member's Mark 7-foot Treadmill with Incline",
            "Sam's Club Member's Mark Folding Exercise Bike with 8 Resistance Levels",
            "Member's Mark Commercial Rubber Gym Flooring, 24 sq ft",
        ]
        * 3
    )
    assert clean(dump, input="text").language in ("en", None)


@pytest.mark.parametrize(
    "text, iso",
    [
        ("12 marca 2025", "2025-03-12"),
        ("3 grudnia 2024, 10:15", "2024-12-03"),
        ("3. března 2024", "2024-03-03"),
        ("12 Mart 2025", "2025-03-12"),
        ("12 EKİM 2025", "2025-10-12"),  # (İ lower-cases to i and a dot: once a KeyError)
        ("5 augusti 2024", "2024-08-05"),
        ("2025. március 12.", "2025-03-12"),
        ("12 Μαρτίου 2025", "2025-03-12"),
        ("12 de març de 2025", "2025-03-12"),
        ("7 жовтня 2024", "2024-10-07"),
        ("1. syyskuuta 2024", "2024-09-01"),
        ("12 ianuarie 2025", "2025-01-12"),
        ("2025 m. kovo 12 d.", "2025-03-12"),
        ("2025. gada 12. martā", "2025-03-12"),
        ("12. märts 2025", "2025-03-12"),
        ("12. marec 2025", "2025-03-12"),
        ("12 март 2025", "2025-03-12"),
        ("12. јун 2025.", "2025-06-12"),
        ("12 qershor 2024", "2024-06-12"),
        ("12 مارس 2025", "2025-03-12"),
        ("12 تشرين الأول 2024", "2024-10-12"),
        ("12 במרץ 2025", "2025-03-12"),
    ],
)
def test_dates_in_more_languages(text: str, iso: str) -> None:
    assert parse_date(text, month_first=False) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Opublikowano: 12 marca 2025, 10:15",
        "Paskelbta 2025 m. kovo 12 d. 10:15",
        "Objavljeno: 12. marca 2025.",
        "Публикувано: 12 март 2025",
        "Yayınlanma: 12 Mart 2025",
        "Julkaistu 12.3.2025",
        "2025. gada 12. martā",
        "نشر في 12 مارس 2025",
        "פורסם: 12 במרץ 2025",
    ],
)
def test_date_lines_in_more_languages(line: str) -> None:
    """A line that says only when the story was published is a date line (dropped from the
    body, read for the date)."""
    assert is_date_line(line)


def test_month_names_that_are_given_names_do_not_end_a_byline_name() -> None:
    assert {"maja", "nisan", "augusta", "marta", "maija", "liepa"}.isdisjoint(NOT_NAME)
    assert {"maj", "march", "may"} <= NOT_NAME


def _news_dump(name: str, folder: str = "dumps") -> tuple[str, str, list[str]]:
    """A news dump of the fixtures: its text, its headline (the line after the menu) and
    its story's paragraphs (the other lines of ten words or more)."""
    text = (FIXTURES / folder / f"news_{name}.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    headline = lines[lines.index("") + 1]
    return text, headline, [line for line in lines if len(line.split()) >= 10 and line != headline]


@pytest.mark.parametrize("name", ["pl", "tr", "lt", "ar", "hi", "bn", "ur", "ta"])
def test_news_dump(name: str) -> None:
    """A story with its menu, share buttons, teasers and footer: the language, headline,
    byline and date are found and the body is the story's five paragraphs."""
    text, headline, story = _news_dump(name)
    doc = clean(text, input="text")
    assert doc.language == name
    assert doc.title == headline
    assert doc.date == "2025-03-12"
    assert doc.byline and doc.byline.split()[0] in text
    assert doc.paragraphs == story


#: Bylines as the news sites of the later languages write them, and the name each gives.
BYLINES = [
    ("Autor: Łukasz Żak", "Łukasz Żak"),
    ("Napisał Łukasz Żak", "Łukasz Żak"),
    ("Łukasz Żak", "Łukasz Żak"),
    ("Autorka: Żaneta Śliwińska", "Żaneta Śliwińska"),
    ("Šimon Černý, ČTK", "Šimon Černý"),
    ("Yazar: Şükrü Yılmaz", "Şükrü Yılmaz"),
    ("Szerző: Szabó Éva", "Szabó Éva"),
    ("Autor: Ștefan Țurcanu", "Ștefan Țurcanu"),
    ("Συντάκτης: Γιώργος Παπαδόπουλος", "Γιώργος Παπαδόπουλος"),
    ("Tác giả: Nguyễn Văn An", "Nguyễn Văn An"),
    ("Autorius: Tomas Žemaitis", "Tomas Žemaitis"),
    ("Piše: Ivan Horvat", "Ivan Horvat"),
    ("بقلم: محمد علي", "محمد علي"),
    ("מאת ישראל ישראלי", "ישראל ישראלי"),
    ("نویسنده: علی رضایی", "علی رضایی"),
    ("लेखक: राम कुमार", "राम कुमार"),
    ("ਲੇਖਕ: ਹਰਪ੍ਰੀਤ ਸਿੰਘ", "ਹਰਪ੍ਰੀਤ ਸਿੰਘ"),
    ("โดย สมชาย ใจดี", "สมชาย ใจดี"),
]


@pytest.mark.parametrize("line, name", BYLINES)
def test_bylines_in_more_languages(line: str, name: str) -> None:
    """A name whose capital is outside Latin-1 (Ł, Š, Ş, Ș, Γ) is a name, and the byline
    words of these languages open a byline: in the text dump and in the HTML page."""
    text, headline, story = _news_dump("pl")
    dumped = clean(text.replace("\nAnna Kowalska\n", f"\n{line}\n"), input="text")
    assert dumped.byline and dumped.byline.startswith(name)
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in story)
    page = (
        f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
        f"<div>{line}</div><div>12 marca 2025</div>{paragraphs}</article></body></html>"
    )
    assert clean(page, input="html").byline == dumped.byline


@pytest.mark.parametrize(
    "line",
    [
        "Text Size",
        "Avatar Maker",
        "Autoplay Videos",
        "Bởi vì trời mưa",
        "Autor zdjęć",
        "كتب التاريخ القديم",
        "लेखक के बारे में",  # "about the author": the word 'author' needs a colon
        "লেখক সম্পর্কে জানুন",
    ],
)
def test_byline_words_need_a_name(line: str) -> None:
    assert not is_byline(line, WORD.findall(line.lower()))


def test_words_keep_their_vowel_signs() -> None:
    """Indic vowel signs and viramas, Arabic and Hebrew points and decomposed accents are
    inside a word: "की" is one word, not "क"; a sentence's danda is not."""
    assert WORD.findall("की हैं। தமிழ் বাংলা caf\u00e9 cafe\u0301 مُحَمَّد") == [
        "की",
        "हैं",
        "தமிழ்",
        "বাংলা",
        "caf\u00e9",
        "cafe\u0301",
        "مُحَمَّد",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "नगर निगम ने बताया कि पहला काम पतझड़ में शुरू होगा।",
        "پورے منصوبے کو مکمل ہونے میں تقریباً تین سال لگیں گے۔",
        "Почему это важно?",
    ],
)
def test_sentence_ends_of_other_scripts(line: str) -> None:
    lines, _ = page_lines([line], Limits())
    assert lines[0].ends_sentence


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("12 अगस्त 2025", "2025-08-12"),
        ("प्रकाशित: 12 अगस्त 2025, 10:15", "2025-08-12"),
        ("12 \u095eरवरी 2025", "2025-02-12"),  # फ़ written as one character
        ("12 জানু\u09dfারি 2025", "2025-01-12"),  # য় written as one character
        ("12 ஆகஸ்ட் 2025", "2025-08-12"),
        ("12 اگست 2025", "2025-08-12"),
        ("नई दिल्ली, 12 अगस्त 2025", "2025-08-12"),
        ("Berlin, 12. August 2025", "2025-08-12"),
        ("12 માર્ચ 2025", "2025-03-12"),
        ("12 ਮਾਰਚ 2025", "2025-03-12"),
        ("12 మార్చి 2025", "2025-03-12"),
        ("12 ಮಾರ್ಚ್ 2025", "2025-03-12"),
        ("12 മാർച്ച് 2025", "2025-03-12"),
        ("12 มีนาคม 2025", "2025-03-12"),
        ("อัปเดต 12 มี.ค. 2025 10:15 น.", "2025-03-12"),  # a dotted abbreviation
        ("வெளியிடப்பட்டது: 12 மார்ச் 2025", "2025-03-12"),  # a date word ending in a vowel sign
        ("١٢ مارس ٢٠٢٥", "2025-03-12"),  # Arabic-Indic digits
        ("۱۲ مارس ۲۰۲۵", "2025-03-12"),  # Persian digits
        ("१२ अगस्त २०२५", "2025-08-12"),  # Devanagari digits
        ("12 มีนาคม 2568", "2025-03-12"),  # the Buddhist era
        ("อัปเดต ๑๒ มี.ค. ๒๕๖๘ 10:15 น.", "2025-03-12"),
        ("۱۲ اسفند ۱۴۰۳", "2025-03-02"),  # the Persian solar calendar
        ("تاریخ انتشار: ۱ فروردین ۱۴۰۴ - ۱۰:۱۵", "2025-03-21"),
        ("12 حوت 1403", "2025-03-02"),  # its months as Dari names them
    ],
)
def test_dates_of_indic_scripts_urdu_and_thai(line: str, date: str) -> None:
    """Month names whose vowel signs a plain ``\\w+`` splits; a dateline's place before
    the date leaves a line a date line."""
    assert parse_date(line, month_first=False) == date
    assert is_date_line(line)


@pytest.mark.parametrize("line", ["Sales rose, 12 March 2025", "The vote, March 3, 2020 and more"])
def test_a_place_before_a_date_is_a_name(line: str) -> None:
    assert not is_date_line(line)


def test_a_date_in_arabic_indic_digits_dates_the_story() -> None:
    text, _, story = _news_dump("ar")
    doc = clean(text.replace("\n12 مارس 2025\n", "\n١٢ مارس ٢٠٢٥\n"), input="text")
    assert (doc.date, doc.paragraphs) == ("2025-03-12", story)


def test_only_thai_dates_count_the_buddhist_era() -> None:
    assert parse_date("12 March 2568") is None
    assert parse_date("12 March 1403") is None  # (nor a Gregorian month the solar calendar)
    assert parse_date("Opened 12 March 2568, closed 3 April 2025.") == "2025-04-03"


def test_thai_news_dump() -> None:
    """Thai writes no spaces between words and ends no sentence with a mark: its
    paragraphs are long lines of about four letters a word, its headline a short one. With
    no stopword list for Thai, the dump is read by size, and the headline, byline, date and
    five paragraphs are found."""
    text, headline, _ = _news_dump("th")
    lines = text.splitlines()
    story = lines[lines.index("12 มีนาคม 2025") + 2 :][:5]
    doc = clean(text, input="text")
    assert doc.title == headline
    assert doc.byline == "สมชาย ใจดี"
    assert doc.date == "2025-03-12"
    assert doc.paragraphs == story
    assert doc.page_type == "article"


@pytest.mark.parametrize("name", ["hi", "bn", "ur", "ta", "th"])
def test_news_dump_as_html(name: str) -> None:
    """The dump's story as a page: menu links, a headline, byline and date elements, the
    paragraphs, share links and a footer. The HTML reading finds what the text one does."""
    text, headline, _ = _news_dump(name)
    lines = text.splitlines()
    nav, rest = lines[: lines.index("")], [line for line in lines[lines.index("") + 2 :] if line]
    byline, date, after = rest[0], rest[1], rest[2:]
    story = after[:5]
    page = (
        f"<html><head><title>{headline}</title></head><body><nav>"
        + "".join(f"<a href='/s'>{item}</a>" for item in nav)
        + f"</nav><article><h1>{headline}</h1><div class='byline'>{byline}</div>"
        + f"<time>{date}</time>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in story)
        + "<div class='share'>"
        + "".join(f"<a href='#'>{item}</a>" for item in after[5:9])
        + "</div></article><footer>"
        + "".join(f"<p>{item}</p>" for item in after[9:])
        + "</footer></body></html>"
    )
    doc = clean(page.encode("utf-8"), input="html")
    dumped = clean(text, input="text")
    assert (doc.title, doc.byline, doc.date, doc.language) == (
        dumped.title,
        dumped.byline,
        dumped.date,
        dumped.language,
    )
    assert doc.byline and doc.date == "2025-03-12"
    assert doc.paragraphs == story


@pytest.mark.parametrize(
    ("name", "byline", "traditional"),
    [("zh", "王小明", False), ("zh", "王小明", True), ("ja", "山田太郎", False)],
)
def test_chinese_and_japanese_news_dumps(name: str, byline: str, traditional: bool) -> None:
    """Chinese names its reporter after "记者" (in traditional characters "記者"),
    Japanese before "記者": the byline is the name alone; the date, headline and five
    paragraphs are found."""
    text, headline, _ = _news_dump(name, "cjk")  # (no spaces: its sentences tell the story)
    if traditional:
        text = text.replace("记者 ", "記者 ")
    story = [line for line in text.splitlines() if line.endswith("。")]
    doc = clean(text, input="text")
    assert (doc.language, doc.title, doc.byline, doc.date) == (name, headline, byline, "2025-03-12")
    assert doc.paragraphs == story
