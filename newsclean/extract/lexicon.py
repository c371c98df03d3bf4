"""The word lists the extractor uses, in one place: byline prefixes, agencies, photo services
(month names, for their size, are in :mod:`newsclean.extract.months`).

Rules, metadata and the HTML side all read these lists, so a word added here (a byline
prefix in a new language, a wire service) is known everywhere at once. The lists are
data; the patterns built from them live with the code that uses them.
"""

from __future__ import annotations

import re

#: A name's capitals ("Łukasz", "Šimon", "Şükrü", "Ștefan", "Γιώργος", "Євген"), for a
#: character class: ``f"[{CAPITAL}]"``. The Latin capitals beyond Latin-1 are those of the
#: languages newsclean has lists for (written out: a class of every capital of Latin
#: Extended-A and B, which alternate with small letters, takes several times longer to
#: compile, and the name patterns are compiled on every start).
CAPITAL = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŐŒŔŘŚŞŠŢŤŪŮŰŲŸŹŻŽƠƯȘȚΆΈ-ΊΌΎ-ΫЀ-ЯҐ"


#: Words that open a byline in the scripts without capitals (Arabic "by the pen of", Hebrew
#: and Thai "by"): the name after them is any two to four words of the script.
CASELESS_BYLINE = ("بقلم", "מאת", "โดย")
#: The word "author" (or "writer", "written by") in those scripts, Persian, Hindi and Nepali,
#: Bengali, Urdu, Tamil, Gujarati, Punjabi, Telugu, Kannada, Malayalam: a byline's label,
#: with a colon before the name ("लेखक: राम कुमार"; "लेखक के बारे में" is "about the author").
CASELESS_AUTHOR = (
    "نویسنده",
    "लेखक",
    "লেখক",
    "تحریر",
    "எழுதியவர்",
    "લેખક",
    "ਲੇਖਕ",
    "రచయిత",
    "ಲೇಖಕ",
    "ലേഖകൻ",
)
#: Chinese "reporter" (simplified and traditional) and "author", written before the name:
#: "记者 王小明", "記者 王小明", "作者：李华".
CJK_BYLINE = ("记者", "記者", "作者")
CASELESS_BYLINE_ALT = "|".join(CASELESS_BYLINE)
CASELESS_AUTHOR_ALT = "|".join(CASELESS_AUTHOR)

#: What opens a byline before the author's name, in the languages newsclean knows
#: ("By Jane Doe", "Posted by …", "Texto: Maria Silva", "Por …", "von …", "Автор: …").
BYLINE_PREFIXES: tuple[str, ...] = (
    "by",
    "written by",
    "reported by",
    "story by",
    "words by",
    "text by",
    "posted by",
    "published by",
    "texto",
    "por",
    "von",
    "di",
    "par",
    "oleh",
    "door",
    "автор",
    "текст",
    "reportagem",
    # (the languages of the later stopword lists: words no English line opens with)
    "autor",
    "autorka",
    "autorzy",
    "autoři",
    "napisał",
    "napisała",
    "napsal",
    "napsala",
    "yazar",
    "yazan",
    "írta",
    "szerző",
    "kirjoittaja",
    "συντάκτης",
    "tác giả",
    "bởi",
    "autorius",
    "autors",
    "avtor",
    "аутор",
    "piše",
    "пише",
    *CJK_BYLINE,
    *CASELESS_BYLINE,
    *CASELESS_AUTHOR,
)
#: Prefixes that are also particles of family names ("Von der Leyen", "Di Maio"): stripped
#: when written in lower case, followed by a colon, or followed by a full name of two
#: capitalised words ("Von Thomas Berger").
NAME_PARTICLE_PREFIXES = frozenset({"von", "di", "door", "par"})

#: The first words of the byline prefixes, the cheap cue that a line may be a byline.
BY_WORDS: tuple[str, ...] = tuple(dict.fromkeys(p.split()[0] for p in BYLINE_PREFIXES))

#: The accounts a content system signs with, never a writer's name.
ACCOUNTS = frozenset({"admin", "administrator", "webmaster", "wpadmin"})
#: The prefixes as one alternation, longest first ("written by" before "by").
BYLINE_PREFIX_ALT = "|".join(sorted(BYLINE_PREFIXES, key=len, reverse=True))


def byline_prefix() -> re.Pattern[str]:
    """A pattern for the prefix that opens a byline, safe before family-name particles.

    >>> byline_prefix().sub("", "Texto: Maria Silva")
    'Maria Silva'
    >>> byline_prefix().sub("", "Posted by Jane Doe")
    'Jane Doe'
    >>> byline_prefix().sub("", "Von der Leyen")
    'Von der Leyen'
    >>> byline_prefix().sub("", "von Hans Weber")
    'Hans Weber'
    >>> byline_prefix().sub("", "Von Thomas Berger")
    'Thomas Berger'
    >>> byline_prefix().sub("", "Di Maio")
    'Di Maio'
    >>> byline_prefix().sub("", "Paramita Ghosh")
    'Paramita Ghosh'
    """
    ordinary = [p for p in BYLINE_PREFIXES if p not in NAME_PARTICLE_PREFIXES]
    ordinary_alt = "|".join(sorted(ordinary, key=len, reverse=True))
    particles = "|".join(sorted(NAME_PARTICLE_PREFIXES))
    return re.compile(
        rf"^(?:(?i:{ordinary_alt})(?:\s*(?::|：)\s*|\s+|\s*$)|(?:{particles})\s*:?\s+|(?i:{particles})\s*:\s*"
        rf"|(?i:{particles})\s+(?=[{CAPITAL}][\w'’.-]+\s+[{CAPITAL}]))"
    )


#: An English month name or abbreviation as a regular expression ("Jan", "Sept.", "November").
EN_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"

#: News agencies and wire names as they sign a story (a regular expression alternation,
#: matched case-insensitively).
NEWS_AGENCIES = (
    r"(?:the )?associated press|ap|reuters|afp|agence france-presse|(?:the )?canadian press|bloomberg(?: news)?|dpa"
    r"|efe|agencia efe|europa press|ansa|ag[êe]ncia brasil|ag[êe]ncia estado|estad[ãa]o conte[úu]do|folhapress|lusa"
    r"|tass|ria novosti|интерфакс|interfax|тасс|риа новости|yonhap|연합뉴스|kyodo|共同通信|jiji|時事通信|xinhua|新华社"
    r"|pti|ani|ians|antara|upi|united press international|press association|pa media|pa|aap|apa|sda|keystone-sda"
    r"|belga|anp|nu\.nl|cnn|bbc news|cbs news|nbc news|abc news|staff|wire services|news desk|newsroom"
    r"|pap|čtk|ctk|tasr|hina|tanjug|ukrinform|укрінформ|unian|уніан|agerpres|mti|ana-mpa"
    r"|anadolu(?: ajansı| agency)?|ntb|ritzau|stt|irna|isna|wafa|vna|bernama"
)

#: Single words that, anywhere in a short line, make it worth testing as a byline: agencies,
#: staff titles, and the Korean and Japanese words for reporter.
BYLINE_WORDS = frozenset(
    "ap associated reuters afp press bloomberg dpa efe ansa brasil estado estadão folhapress lusa tass interfax "
    "интерфакс тасс риа yonhap 연합뉴스 kyodo jiji xinhua pti ani ians antara upi pa aap apa sda belga anp cnn bbc "
    "cbs nbc abc staff wire wires desk newsroom correspondent reporter editor writer columnist 기자 특파원 객원기자 "
    "agence agencia agência pap čtk ctk tasr hina tanjug ukrinform укрінформ unian уніан agerpres mti "
    "mpa anadolu ntb ritzau stt irna isna wafa vna bernama".split()
)

#: Agencies that sign photos with a short code ("AP Photo", "Reuters/Jane Doe").
PHOTO_AGENCIES: tuple[str, ...] = (
    "ap",
    "afp",
    "reuters",
    "epa",
    "ansa",
    "efe",
    "dpa",
    "xinhua",
    "yonhap",
    "kyodo",
    "pa",
    "upi",
)
#: Photo libraries and services named in credits.
PHOTO_SERVICES: tuple[str, ...] = (
    "getty images",
    "shutterstock",
    "istock(?:photo)?",
    "alamy",
    "zuma(?: press)?",
    "nurphoto",
    "sipa",
    "imago",
)

#: Labels that open a credit or a source line under a chart, a map or a photo
#: ("Chart: The Daily", "Source: Weather Service"): such a line is never a headline.
CREDIT_LABELS = frozenset(
    "chart charts graphic graphics map maps source sources photo photos image images picture "
    "illustration video credit credits data gráfico fonte fuente quelle grafik bild foto fotos "
    "graphique carte источник фото".split()
)

#: Words of boilerplate phrases (menus, widgets, prompts, legal and footer lines), in the
#: languages the rules know: the line model counts them in a line, whatever the phrase.
BOILERPLATE_WORDS = frozenset(
    """
    home menu search login log sign subscribe subscription newsletter share tweet email print
    follow facebook twitter instagram youtube linkedin pinterest whatsapp tiktok telegram
    reddit rss cookie cookies privacy policy terms conditions consent accept reject settings
    preferences advertisement advertise advertising sponsored ad ads promoted partner partners
    copyright rights reserved contact about careers jobs help faq sitemap imprint impressum
    related popular trending recommended latest more read next previous prev back top comment
    comments reply replies register account password click tap here download app apps store
    shop cart checkout skip content navigation toggle close open view all see show load
    compartilhar compartilhe assine entrar buscar leia mais publicidade comentários teilen
    anmelden suche mehr werbung kommentare datenschutz partager connexion rechercher
    publicité commentaires compartir más publicidad comentarios suscríbete condividi cerca
    accedi pubblicità commenti поделиться поиск войти реклама комментарии подписаться
    """.split()
)


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """The words as one regular-expression alternation (they may hold regex syntax)."""
    return "|".join(words)
