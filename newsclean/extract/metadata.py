"""Article metadata from single lines: publication dates, datelines and bylines.

All functions are pure and work on one stripped line.
"""

from __future__ import annotations

import re

from newsclean.extract import lexicon
from newsclean.extract.months import MONTHS, MONTHS_ALSO_NAMES, SOLAR_HIJRI_MONTHS


class _OnFirstUse:
    """A pattern compiled when first used: the large byline and date patterns take a good
    part of start-up to compile, and many pages never get as far as needing them."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, *args) -> None:
        self._args = args
        self._pattern: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._pattern is None:
            self._pattern = re.compile(*self._args)
        return getattr(self._pattern, name)


MONTH_NUMBER = {name: number for number, names in MONTHS.items() for name in names}

_WEEKDAYS = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
    r"|(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?,?|sábado,?|domingo,?|lunes,?|martes,?|miércoles,?"
    r"|jueves,?|viernes,?|montag,?|dienstag,?|mittwoch,?|donnerstag,?|freitag,?|samstag,?|sonntag,?"
)


#: The years a day-month-year date may name: the last two centuries', the Buddhist era's of
#: Thai dates (25xx) and the Persian solar calendar's (13xx, 14xx) — :func:`_named_month`.
_ANY_YEAR = r"(?:1[349]|2[05])\d\d"

#: The date patterns that read no month name (each compiled when first tried).
_YMD = _OnFirstUse(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"
    r"(?:[T ](?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?))?"
)
_CJK = _OnFirstUse(
    r"(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<mon>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]"
)
_NUMERIC = _OnFirstUse(
    r"(?<![\d.])(?P<a>\d{1,2})([./-])(?P<b>\d{1,2})\2(?P<year>(?:19|20)\d\d)(?!\d)"
)


#: Month names of more than one word; any other is matched as one word (or two with a dot
#: between, Thai "มี.ค.") and looked up.
_MULTIWORD_MONTHS = "|".join(
    sorted((re.escape(n) for n in MONTH_NUMBER if " " in n), key=len, reverse=True)
)
#: A month's name: any word, which :func:`month_number` must know (a pattern of all the
#: names, over 400 in twenty-five languages, took a good part of start-up to compile).
#: A word of letters, with the marks inside it (the vowel signs of the Indic scripts): a
#: letter, then letters or anything but a word character, a space or ASCII punctuation.
#: (A class of the marks' ranges costs several times more to compile, at every start.)
_LETTERS = r"[^\W\d_](?:[^\W\d_]|[^\w\s!-/:-@\[-`{-~«»·¿¡])*"
_M = rf"(?P<month>{_LETTERS}(?:\.{_LETTERS})?|{_MULTIWORD_MONTHS})\.?"
#: The kinds of date that name their month.
_NAMED = frozenset({"mdy", "dmy", "ynd", "ydm"})
#: Tried in this order; each compiled when first tried.
_DATE_PATTERNS: list[tuple[str, _OnFirstUse]] = [
    ("ymd", _YMD),
    ("cjk", _CJK),
    (
        "mdy",
        _OnFirstUse(
            rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "dmy",
        _OnFirstUse(
            rf"(?<!\d)(?P<day>\d{{1,2}})(?:(?:st|nd|rd|th|\.|º)?\s+(?:de\s+)?|\.){_M}"
            rf"(?:(?:,|\s+de)?\s+|(?<=\.))(?P<year>{_ANY_YEAR})\b",
            re.IGNORECASE,
        ),
    ),
    (
        # year, month's name, day: "2023 Jan 7" (a journal's citation), "2025. március 12.",
        # "2025 m. kovo 12 d."
        "ynd",
        _OnFirstUse(
            rf"(?<![\d.])(?P<year>(?:19|20)\d\d)\.?(?:\s+m\.)?\s+{_M}\s+(?P<day>\d{{1,2}})(?!\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "ydm",  # year, day, month's name: "2025. gada 12. martā"
        _OnFirstUse(
            rf"(?<![\d.])(?P<year>(?:19|20)\d\d)\.\s+gada\s+(?P<day>\d{{1,2}})\.\s+{_M}",
            re.IGNORECASE,
        ),
    ),
    ("numeric", _NUMERIC),
]


def month_number(name: str) -> int | None:
    """The month *name* names (any case), or None.

    >>> month_number("März"), month_number("EKİM"), month_number("Mayor")
    (3, 10, None)
    """
    # (a Turkish capital İ lower-cases to i and a combining dot; an Indic letter with a
    # nukta is written as one character or as two, and the table holds the NFC form)
    name = name.lower().replace("i\u0307", "i")
    found = MONTH_NUMBER.get(name)
    if found is None and not name.isascii():
        from unicodedata import normalize

        found = MONTH_NUMBER.get(normalize("NFC", name))
    return found


#: Years between the Buddhist era Thai dates count and the common era.
BUDDHIST_ERA = 543
#: The decimal digits of the scripts newsclean reads, as ASCII ones: Arabic-Indic,
#: Persian and Urdu, the Indic scripts (Devanagari to Malayalam), Thai, Lao, Myanmar and
#: Khmer ("١٢ مارس ٢٠٢٥", "१२ अगस्त २०२५").
_DIGITS = {
    base + i: ord("0") + i
    for base in (0x660, 0x6F0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66)
    + (0xE50, 0xED0, 0x1040, 0x17E0)
    for i in range(10)
}


def ascii_digits(text: str) -> str:
    """*text* with the digits of other scripts as ASCII digits (one for one: positions stay).

    >>> ascii_digits("१२ अगस्त २०२५")
    '12 अगस्त 2025'
    """
    return text if text.isascii() else text.translate(_DIGITS)


def parse_date(text: str, month_first: bool = True) -> str | None:
    """The first date in *text* as ISO 8601 ``YYYY-MM-DD``, or ``None``.

    Numeric ``a/b/yyyy`` dates are read month first when *month_first* (US
    English), else day first; an impossible month decides either way.

    >>> parse_date("This report was first published March 22, 2023")
    '2023-03-22'
    >>> parse_date("Nov. 19, 2019 8:03 am ET")
    '2019-11-19'
    >>> parse_date("Publicado em 5 de março de 2021")
    '2021-03-05'
    >>> parse_date("19 ноября 2019, 14:05")
    '2019-11-19'
    >>> parse_date("2019年11月18日 10時")
    '2019-11-18'
    >>> parse_date("2019-11-18T10:03:00Z")
    '2019-11-18'
    >>> parse_date("18.11.2019", month_first=False)
    '2019-11-18'
    >>> parse_date("Posted 25/12/2019")
    '2019-12-25'
    >>> parse_date("Jul. 11. 2025"), parse_date("Published on 25.Jun.2019")
    ('2025-07-11', '2019-06-25')
    >>> parse_date("Cureus. 2023 Jan 7;15(1):e33475")
    '2023-01-07'
    >>> parse_date("no date here, only 2019") is None
    True
    """
    found = date_span(text, month_first)
    return found[0] if found else None


def date_span(text: str, month_first: bool = True) -> tuple[str, int, int] | None:
    """The first date in *text* as :func:`parse_date` reads it, with where it stands:
    ``(YYYY-MM-DD, start, end)``, or ``None``.

    >>> date_span("Jane Doe • May 2, 2025 • 5 min read")
    ('2025-05-02', 11, 22)
    >>> date_span("١٢ مارس ٢٠٢٥")[0], date_span("12 มีนาคม 2568")[0], date_span("۱۲ اسفند ۱۴۰۳")[0]
    ('2025-03-12', '2025-03-12', '2025-03-02')
    """
    text = ascii_digits(text)
    for kind, pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        month = 0
        if kind in _NAMED:
            # (the word must be a month's name: else the next place a named date may stand)
            while m and not (month := _named_month(m)):
                m = pattern.search(text, m.start() + 1)
        if not m:
            continue
        year = int(m.group("year"))
        if year >= 2500:  # (a Thai date's: _named_month)
            year -= BUDDHIST_ERA
        if kind in ("ymd", "cjk"):
            month, day = int(m.group("mon")), int(m.group("day"))
        elif kind in _NAMED:
            day = int(m.group("day"))
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            month, day = (a, b) if month_first else (b, a)
            if month > 12 and day <= 12:
                month, day = day, month
        if 1 <= month <= 12 and 1 <= day <= 31:
            if year < 1500:  # (a Persian solar date's: _named_month)
                year, month, day = solar_hijri_to_gregorian(year, month, day)
            return f"{year:04d}-{month:02d}-{day:02d}", m.start(), m.end()
    return None


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int]:
    """The Gregorian date of a day of the Persian solar calendar (its 33-year leap cycle,
    right for the years news is dated by).

    >>> solar_hijri_to_gregorian(1404, 1, 1), solar_hijri_to_gregorian(1403, 12, 12)
    ((2025, 3, 21), (2025, 3, 2))
    """
    year += 1595
    days = -355668 + 365 * year + (year // 33) * 8 + ((year % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    # Days since the Gregorian epoch, read as 400-, 100- and 4-year cycles and years.
    gregorian = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gregorian += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gregorian += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gregorian += (days - 1) // 365
        days = (days - 1) % 365
    leap = gregorian % 4 == 0 and (gregorian % 100 != 0 or gregorian % 400 == 0)
    day = days + 1
    for number, length in enumerate(
        (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30), 1
    ):
        if day <= length:
            return gregorian, number, day
        day -= length
    return gregorian, 12, day


def _named_month(m: re.Match[str]) -> int:
    """The month a named date's match names; 0 for none, or for a year of the Buddhist era
    with a month not in Thai (which counts its years from it, "12 มีนาคม 2568": no other
    named date is five centuries ahead). A year before 1500 is one of the Persian solar
    calendar, with its own months."""
    name, year = m.group("month"), m.group("year")
    if year < "1500":  # a year of the Persian solar calendar: "۱۲ اسفند ۱۴۰۳"
        return SOLAR_HIJRI_MONTHS.get(name, 0)
    month = month_number(name) or 0
    if month and year >= "2500" and not "\u0e00" <= name[:1] <= "\u0e7f":
        return 0
    return month


#: A year of the last two centuries (or of the Buddhist era, in Thai dates, or of the
#: Persian solar calendar), or four digits of another script (:func:`ascii_digits`): a
#: line without one holds no date.
YEAR = re.compile(rf"{_ANY_YEAR}|[^\x00-\x7f\D]{{4}}")
#: Words a date line may hold around its date, in the languages newsclean reads.
_DATE_WORDS = (
    r"published|updated|posted|modified|last|on|at|am|pm|a\.m|p\.m|et|est|edt|pt|pst|pdt|ct|cst|cdt|gmt|utc|bst|cet|cest|jst|kst|wib"
    # (the time zones news is dated in: the Americas', Europe's, Africa's, Asia's, Oceania's)
    r"|mt|mst|mdt|akst|akdt|hst|ast|adt|nst|ndt|brt|art|eet|eest|wet|west|msk|ist|pkt|npt|bdt|sgt"
    r"|hkt|pht|ict|wita|wit|aest|aedt|acst|acdt|awst|nzst|nzdt|sast|wat|cat|eat|trt|gst|irst"
    r"|publicado|atualizado|em|de|às|as|publicada|actualizado|le|à|publié|mis|jour|veröffentlicht|aktualisiert|um|uhr"
    r"|pubblicato|aggiornato|il|alle|ore|опубликовано|обновлено|в|입력|수정|기사입력|최종수정|更新|公開|配信|diterbitkan|diperbarui"
    r"|pukul|gepubliceerd|bijgewerkt|op|om|min|read|ago|hours?|minutes?|days?"
    # (the later languages: "published", "updated", and the year and day marks of
    # "2025 m. kovo 12 d." and "2025. gada 12. martā")
    r"|opublikowano|aktualizacja|publikováno|aktualizováno|publikované|aktualizované|objavljeno"
    r"|ažurirano|posodobljeno|опубліковано|оновлено|публикувано|обновено|објављено|ажурирано"
    r"|δημοσιεύθηκε|ενημερώθηκε|publicat|actualizat|actualitzat|közzétéve|frissítve|yayınlanma"
    r"|güncelleme|publicerad|uppdaterad|publiceret|opdateret|publisert|oppdatert|julkaistu"
    r"|päivitetty|paskelbta|atnaujinta|publicēts|atjaunināts|avaldatud|uuendatud|publikuar"
    r"|përditësuar|m|d|gada|نشر|في|تاريخ|النشر|آخر|تحديث|פורסם|עודכן|תאריך|انتشار|تاریخ"
    r"|प्रकाशित|अपडेट|अपडेटेड|প্রকাশিত|আপডেট|வெளியிடப்பட்டது|شائع|اپڈیٹ|ਪ੍ਰਕਾਸ਼ਿਤ|પ્રકાશિત"
    r"|เผยแพร่|อัปเดต|อัพเดท|ปรับปรุง|วันที่|เมื่อ|น"
)


#: What :func:`is_date_line` removes around a date but the month names: weekdays, years,
#: days, times and :data:`_DATE_WORDS`.
_DATE_NOISE = _OnFirstUse(
    rf"{_WEEKDAYS}|{_ANY_YEAR}|\d{{1,2}}(?:st|nd|rd|th)?|[年월일月日년時时分秒시분초]|\b(?:{_DATE_WORDS})(?!\w)"
    r"|[\s,.:|/•·—–()*+-]+",
    re.IGNORECASE,
)
#: A word (or a month's name of two words) and a full stop after it.
_WORD_DOT = _OnFirstUse(rf"\b(?:{_MULTIWORD_MONTHS}|{_LETTERS}(?:\.{_LETTERS})?)(?!\w)\.?")


def _without_months(text: str) -> str:
    return _WORD_DOT.sub(lambda m: "" if _a_month(m.group(0).rstrip(".")) else m.group(0), text)


def _a_month(word: str) -> bool:
    return bool(month_number(word)) or word in SOLAR_HIJRI_MONTHS


def is_date_line(text: str) -> bool:
    """Whether the line is only a date (with "Published", times, weekdays...).

    >>> is_date_line("Published: Nov. 19, 2019 at 8:03 a.m. ET")
    True
    >>> is_date_line("Updated 2019-11-18 10:03")
    True
    >>> is_date_line("The vote took place on March 3, 2020 in the capital.")
    False
    >>> is_date_line("Berlin, 12. August 2025"), is_date_line("नई दिल्ली, 12 अगस्त 2025")
    (True, True)
    >>> is_date_line("2019-11-19T08:57:40+01:00"), is_date_line("2025-03-12T10:15:00.000Z")
    (True, True)
    """
    text = ascii_digits(text)
    if len(text) > 90 or not YEAR.search(text) or parse_date(text) is None:
        return False
    if "T" in text:
        # An ISO 8601 time stamp, as a page's hidden metadata gives it to a dump.
        text = _ISO_TIME.sub(" ", text)
    if _only_date(text):
        return True
    # A place before the date, as a dateline names it: "Berlin, 12. August 2025".
    place = _PLACE.match(text)
    return (
        place is not None
        and not any(word[0].islower() for word in re.split("[ -]", place.group("place")))
        and _only_date(text[place.end() :])
    )


#: The "T" between an ISO 8601 date and its time, and the "Z" (UTC) after the time.
_ISO_TIME = re.compile(r"(?<=\d)T(?=\d\d:\d\d)|(?<=\d)Z\b")


def _only_date(text: str) -> bool:
    """Whether nothing is left of *text* without its month names and :data:`_DATE_NOISE`."""
    return not _DATE_NOISE.sub("", _without_months(text)).strip()


_AGENCIES = lexicon.NEWS_AGENCIES
_NAME = rf"[{lexicon.CAPITAL}][\w'’.-]*(?:\s+(?:[{lexicon.CAPITAL}][\w'’.-]*|de|da|do|dos|das|van|von|der|den|di|del|la|le|bin|al))*"
#: The titles after a Korean or Japanese reporter's name ("홍길동 기자", "山田太郎 記者").
REPORTER_TITLES = "객원기자|기자|특파원|記者|特派員"
_CJK_BY = "|".join(lexicon.CJK_BYLINE)
#: Chinese writes them before the name: "记者 王小明", "作者：李华". (Apart from
#: :data:`_BYLINE` and compiled when first needed: a class of the Han characters takes
#: some 10 M instructions to compile, which a page without Chinese should not pay.)
_CJK_BYLINE = _OnFirstUse(
    rf"(?:{_CJK_BY})\s*[：:]?\s*[一-龥]{{2,4}}(?:[、，,\s]+[一-龥]{{2,4}})*\s*\Z"
)
#: A place's name of one to three words and the comma after it, before a date (each word
#: capitalized or of a script without capitals: :func:`is_date_line` checks).
_PLACE = _OnFirstUse(rf"(?P<place>{_LETTERS}(?:[ -]{_LETTERS}){{0,2}})\s*[,،]\s*")
_BYLINE = _OnFirstUse(
    rf"(?:(?i:{lexicon.BYLINE_PREFIX_ALT})\s*:?\s+"
    rf"(?:{_NAME})(?:\s*(?:,|and|&|y|e|und|et|dan|и|en)\s*(?:{_NAME}))*(?:\s*[,|—–-]\s*[\w .'’&-]{{2,40}})?"
    rf"(?:\s+(?i:on|at|em|am|le|il|el)\s+[\w ,.:]{{4,50}})?"
    rf"|(?i:{_AGENCIES})(?:\s+(?i:staff|wire|reporter|writer))?"
    rf"|(?:{_NAME})\s*[,|—–/-]\s*(?i:{_AGENCIES})"
    rf"|(?:{_NAME})\s*(?:,|\|)\s*(?:staff (?:writer|reporter)|(?:senior |chief |political |special )?(?:correspondent|reporter|editor|writer|columnist))"
    rf"|[가-힣]{{2,4}}\s?(?:기자|특파원|객원기자)(?:\s*[\w.@-]+)?|[一-龥ぁ-んァ-ン]{{2,8}}\s?(?:記者|特派員)"
    rf"|(?i:(?:written|reported|story|words|text|posted|published)\s+)?(?i:by)\s*:?"
    # (a name of two to four words in a script without capitals, after a word that only
    # opens a byline, or after "author" and a colon)
    rf"|(?:(?:{lexicon.CASELESS_BYLINE_ALT})\s*:?|(?:{lexicon.CASELESS_AUTHOR_ALT})\s*:)"
    rf"\s*{_LETTERS}(?:\s+{_LETTERS}){{1,3}})\s*\Z"
)
#: A list item's mark that a converter writes before the item ("* by Jane Doe").
_BULLET = re.compile(r"[*+•·-]\s+")
#: A byline names an author after "By", an agency, a reporter's title, or 기자/記者:
#: a cheap test before the full pattern.
_BYLINE_CUE = _OnFirstUse(
    # ((?!\w), not \b: "எழுதியவர்" ends with a vowel sign, no word character)
    rf"^(?i:{'|'.join(lexicon.BY_WORDS)})(?!\w)|[,|—–/-]|{REPORTER_TITLES}"
    rf"|^(?i:{_AGENCIES})"
)
_BY_WORDS = frozenset(lexicon.BY_WORDS)
_BYLINE_WORDS = lexicon.BYLINE_WORDS
_BYLINE_CJK = re.compile(rf"{REPORTER_TITLES}|{_CJK_BY}")
_BYLINE_CI = _OnFirstUse(rf"(?i:(?:{_AGENCIES}))")


def is_byline(text: str, tokens: list[str] | None = None) -> bool:
    """Whether the line is a byline: "By Jane Doe", "Jane Doe, Reuters", an agency name.

    *tokens* (the lowercased words of the line) enable a cheap word test first.

    >>> is_byline("By Jane Doe and Rafael Souza")
    True
    >>> is_byline("The Canadian Press")
    True
    >>> is_byline("Maria Silva, Reuters")
    True
    >>> is_byline("Posted by Jane Doe on November 19, 2019, 6:21 AM EST")
    True
    >>> is_byline("By Jane Doe on Monday, November 18th, 2019 at 11:04 a.m.")
    True
    >>> is_byline("홍길동 기자")
    True
    >>> is_byline("By the time the vote closed, most delegates had gone home.")
    False
    >>> is_byline("Reuters reported the deal on Tuesday.")
    False
    """
    if len(text) > 120 or (
        text.endswith((".", "!", "?", "。")) and not text.endswith(("Jr.", "Sr.", " a.m.", " p.m."))
    ):
        return False
    if tokens is not None:
        if (tokens and tokens[0] in _BY_WORDS) or not _BYLINE_WORDS.isdisjoint(tokens):
            pass
        elif text.isascii() or not _BYLINE_CJK.search(text):
            return False
    bullet = _BULLET.match(text)
    if bullet:
        text = text[bullet.end() :]
    if _BYLINE_CUE.search(text) is None:
        return False
    if _BYLINE.match(text) or (not text.isascii() and _CJK_BYLINE.match(text)):
        return True
    # Agency names are written in any case ("REUTERS", "The Associated Press").
    return bool(_BYLINE_CI.fullmatch(text.strip(" .")))


#: One word of a name: capitalised (or all capitals), with inner apostrophes, hyphens, dots.
_NAME_WORD = rf"[{lexicon.CAPITAL}][\w'’.-]*"
_NAME_PARTICLE = r"(?:de|da|do|dos|das|van|von|der|den|di|del|la|le|bin|al|ter|du)"
_ONE_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
#: "By NAME" opening a line or after a separator, then anything (a date, "Published: ...").
_BYLINE_IN_LINE = _OnFirstUse(
    rf"(?:^|[·|•,;–—-]\s*|\s)(?i:{lexicon.BYLINE_PREFIX_ALT}|authors?|writer|reporter)\s*:?\s+"
    rf"(?P<names>{_ONE_NAME}(?:\s*(?:,|and|&|und|et|e|y|и)\s+{_ONE_NAME})*)"
)
#: Words that end a name read from a byline: months, weekdays, and what follows a byline.
NOT_NAME = frozenset(
    (MONTH_NUMBER.keys() - MONTHS_ALSO_NAMES)
    | set(
        "published updated posted last modified on at am pm in the for with photo photos read "
        "min minutes staff contributor mon tue wed thu fri sat sun monday tuesday wednesday "
        "thursday friday saturday sunday".split()
    )
)


def byline_names(text: str) -> str | None:
    """The names of a "By NAME ..." line that goes on with a date or more ("By NAME DATE").

    >>> byline_names("By JEFFREY GETTLEMAN JAN. 13, 2017")
    'JEFFREY GETTLEMAN'
    >>> byline_names("By Rebecca Norris Published: Jun 25, 2025")
    'Rebecca Norris'
    >>> byline_names("0 · by Dennis Moons · Updated on 8 January 2026")
    'Dennis Moons'
    >>> byline_names("Authors: Julie Weisenhorn and Natalie Hoidal, Extension educators")
    'Julie Weisenhorn and Natalie Hoidal'
    >>> byline_names("By Nick van Mead. Last updated on December 11, 2025")
    'Nick van Mead'
    >>> byline_names("By the time the vote closed, most delegates had gone home.") is None
    True
    """
    if len(text) > 160:
        return None
    m = _BYLINE_IN_LINE.search(text)
    if m is None:
        return None
    kept: list[str] = []
    for word in m.group("names").split():
        if word.lower().strip(".,") in NOT_NAME:
            break
        kept.append(word)
    while kept and kept[-1].lower() in ("and", "&", "und", "et", "e", "y", "и", ","):
        kept.pop()
    # A one-word part after a comma is a title or a place ("Jane Doe, Editor"), not a name.
    parts = " ".join(kept).split(",")
    while len(parts) > 1 and len(parts[-1].split()) < 2:
        parts.pop()
    names = ",".join(parts).strip(" ,.")
    capitals = [w for w in names.split() if w[:1].isupper()]
    if len(capitals) < 2 or len(names) > 80:
        return None
    return names


#: What parts a page title ("Headline | Section | Site").
TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s*[|•·]\s*")
_COPYRIGHT_NAME = _OnFirstUse(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?"
    r"(?P<name>[^\W\d][^.|•·,©]{1,50}?)\s*(?:\.|,|\||•|·|\b(?:19|20)\d\d|\ball rights|\btodos os|$)",
    re.IGNORECASE,
)


def _words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _title_parts(page_title: str) -> list[str]:
    """The parts of a page title between its separators ("Headline | Section | Site")."""
    return [p.strip() for p in TITLE_PARTS.split(page_title) if p.strip()]


def site_from_title(page_title: str, headline: str = "") -> str | None:
    """The site's name in a page title that adds it to the headline ("Headline | Site").

    >>> site_from_title("Storm hits the coast - The Daily", "Storm hits the coast")
    'The Daily'
    >>> site_from_title("The Daily | Storm hits the coast", "Storm hits the coast")
    'The Daily'
    >>> site_from_title("Storm hits the coast", "Storm hits the coast") is None
    True
    """
    parts = _title_parts(page_title)
    if len(parts) < 2:
        return None
    head = set(_words_of(headline))
    first, last = parts[0], parts[-1]
    if head and head >= set(_words_of(last)) and not head >= set(_words_of(first)):
        candidate = first
    else:
        candidate = last
    if not 1 <= len(candidate.split()) <= 5 or not any(c.isalpha() for c in candidate):
        return None
    if head and set(_words_of(candidate)) <= head:
        return None
    return candidate


def without_site(page_title: str) -> str:
    """A page title without the site's name it ends with ("Headline | Site").

    >>> without_site("Brief history of coffee - Charleston Coffee Roasters")
    'Brief history of coffee'
    >>> without_site("Brief history of coffee")
    'Brief history of coffee'
    """
    site = site_from_title(page_title)
    cuts = list(TITLE_PARTS.finditer(page_title))
    if site and cuts and page_title[cuts[-1].end() :].strip() == site:
        head = page_title[: cuts[-1].start()].strip()
        if len(head.split()) >= 2:
            return head
    return page_title


#: What parts a breadcrumb trail ("Home > Marketing > Headline"), not a page title's site.
_TRAIL = re.compile(r"\s*[>»›]\s*|\s+/\s+")
#: Longest step of a breadcrumb trail before the headline it ends with, in words.
TRAIL_STEP_WORDS = 6


def after_trail(title: str) -> str:
    """A headline without the breadcrumb trail before it ("Home » Marketing » Headline"):
    a title line that is a trail (steps of a few words, no digits) ends with the page's
    own headline.

    >>> after_trail("Home >Marketing >10 Top Marketing Agencies to Grow Your Business")
    '10 Top Marketing Agencies to Grow Your Business'
    >>> after_trail("Careers > How to Negotiate Salary & Benefits"), after_trail("Why 2 > 1 for most of us")
    ('How to Negotiate Salary & Benefits', 'Why 2 > 1 for most of us')
    >>> after_trail("Car Talk / Car Reviews / Best EVs of 2026")
    'Best EVs of 2026'
    """
    parts = [p.strip() for p in _TRAIL.split(title)]
    if len(parts) < 2 or not all(parts) or len(parts[-1].split()) < 3:
        return title
    steps = parts[:-1]
    if any(
        len(step.split()) > TRAIL_STEP_WORDS
        or not step[0].isalpha()
        or any(c.isdigit() for c in step)
        for step in steps
    ):
        return title
    return parts[-1]


def headline_of_title(page_title: str) -> str:
    """The headline part of a page title: its longest part ("Headline | Site").

    >>> headline_of_title("Storm hits the coast - The Daily")
    'Storm hits the coast'
    """
    parts = _title_parts(page_title)
    return max(parts, key=lambda p: len(p.split()), default="")


def site_from_copyright(text: str) -> str | None:
    """The owner named in a copyright line.

    >>> site_from_copyright("© 2005-2019 SlashGear, All Rights Reserved.")
    'SlashGear'
    >>> site_from_copyright("Copyright © 2010 AUTORACING. Todos os direitos reservados.")
    'AUTORACING'
    >>> site_from_copyright("©The Anti-June Cleaver 2011-2019")
    'The Anti-June Cleaver'
    >>> site_from_copyright("Copyright Policy") is None
    True
    """
    if len(text) > 300:
        return None
    m = _COPYRIGHT_NAME.search(text)
    if m is None:
        return None
    name = m.group("name").strip(" -–:")
    if name.count("(") < name.count(")"):
        name = name.rstrip(")").strip()
    lowered = name.lower()
    if not name or "rights" in lowered or lowered in ("policy", "notice", "information", "the"):
        return None
    if len(name.split()) > 6 or not name[:1].isupper():
        return None
    return name


_DATELINE = _OnFirstUse(
    rf"(?P<place>[{lexicon.CAPITAL}][{lexicon.CAPITAL}.'’-]+(?: [{lexicon.CAPITAL}][{lexicon.CAPITAL}.'’-]+){{0,3}})"
    r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
    r"(?:,?\s*(?:\d{1,2} \w+|\w+ \d{1,2}))?"
    r"\s*(?:\((?P<agency>[\w .&/-]{1,30})\))?\s*[—–-]{1,2}\s+\S"
)
_DATELINE_MIXED = _OnFirstUse(
    rf"(?P<place>[{lexicon.CAPITAL}][\w'’.-]+(?: [{lexicon.CAPITAL}][\w'’.-]+){{0,3}})(?:,\s*[{lexicon.CAPITAL}][\w.]*(?: [A-Z][\w.]*){{0,2}})?"
    r"\s*\((?P<agency>[\w .&/-]{1,30})\)\s*[—–-]{1,2}\s+\S"
)


def parse_dateline(text: str) -> str | None:
    """The place of a dateline that opens a paragraph ("OTTAWA — ...").

    >>> parse_dateline("OTTAWA — Han Dong has resigned from the caucus.")
    'OTTAWA'
    >>> parse_dateline("WASHINGTON (AP) — The Senate voted on Tuesday.")
    'WASHINGTON'
    >>> parse_dateline("NEW YORK, Nov 18 (Reuters) - Shares rose.")
    'NEW YORK'
    >>> parse_dateline("São Paulo (AFP) - O governo anunciou.")
    'São Paulo'
    >>> parse_dateline("The Senate voted on Tuesday - finally.") is None
    True
    >>> parse_dateline("A — B") is None
    True
    """
    m = _DATELINE.match(text) or _DATELINE_MIXED.match(text)
    if not m:
        return None
    place = m.group("place").strip()
    if len(place) < 3 and not m.group("agency"):
        return None
    return place
