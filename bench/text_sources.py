"""Real text written by people, for the encoding suites (file suite, mojibake cases, real-text corpus).

Two sources, both outside the mojibake benchmark's sentences (which come from Django, Faker,
Babel and CPython's CJK test files — none of those are read here):

* the translation catalogs Debian installs under ``/usr/share/locale/LANG/LC_MESSAGES/`` (the
  translated messages, ``msgstr``, of the domains in ``CATALOGS``, with their licences);
* the WCXB dev references in ``../shared/bench/wcxb/dev`` (``main_content``, English prose with
  curly quotes, dashes and accented names) and the Zyte dev gold bodies.

Everything is read in a fixed order and filtered by fixed rules, so the same installed
catalogs and the same shared data give the same pools.
"""

from __future__ import annotations

import gettext
import gzip
import hashlib
import json
import re
import subprocess
from functools import cache
from pathlib import Path

LOCALE_DIR = Path("/usr/share/locale")

# gettext domain -> (Debian package, licence of the package's translations)
CATALOGS = {
    "glib20": ("libglib2.0-data", "LGPL-2.1+"),
    "gtk20": ("libgtk2.0-common", "LGPL-2+"),
    "gdk-pixbuf": ("libgdk-pixbuf2.0-common", "LGPL-2+"),
    "gstreamer-1.0": ("libgstreamer1.0-0", "LGPL-2+"),
    "gsettings-desktop-schemas": ("gsettings-desktop-schemas", "LGPL-2.1+"),
    "appstream": ("appstream", "LGPL-2.1+"),
    "PackageKit": ("packagekit", "GPL-2+"),
    "shared-mime-info": ("shared-mime-info", "GPL-2+"),
    "coreutils": ("coreutils", "GPL-3+"),
    "grep": ("grep", "GPL-3+"),
    "libapt-pkg6.0": ("libapt-pkg6.0", "GPL-2+"),
    "Linux-PAM": ("libpam-runtime", "BSD-3-Clause or GPL"),
    "xkeyboard-config": ("xkb-data", "MIT"),
    "iso_3166-1": ("iso-codes", "LGPL-2.1+"),
    "iso_639-2": ("iso-codes", "LGPL-2.1+"),
}

# Language tag -> catalog directories to read (first existing wins per domain).
LANGS = {
    "fr": ["fr"],
    "de": ["de"],
    "es": ["es"],
    "pt": ["pt_BR", "pt"],
    "it": ["it"],
    "nl": ["nl"],
    "sv": ["sv"],
    "pl": ["pl"],
    "cs": ["cs"],
    "hu": ["hu"],
    "hr": ["hr"],
    "ro": ["ro"],
    "ru": ["ru"],
    "uk": ["uk"],
    "bg": ["bg"],
    "el": ["el"],
    "tr": ["tr"],
    "he": ["he"],
    "ar": ["ar"],
    "fa": ["fa"],
    "th": ["th"],
    "zh-Hans": ["zh_CN"],
    "zh-Hant": ["zh_TW"],
    "ja": ["ja"],
    "ko": ["ko"],
    "vi": ["vi"],
}

# Languages read for the committed fixture and the density calibration only (the suites keep
# to LANGS): tag -> catalog directories.
MORE_LANGS = {
    "sk": ["sk"],
    "da": ["da"],
    "no": ["nb", "no"],
    "fi": ["fi"],
    "ca": ["ca"],
    "id": ["id"],
    "sr": ["sr"],
    "sl": ["sl"],
    "lt": ["lt"],
    "lv": ["lv"],
    "et": ["et"],
    "sq": ["sq"],
    "hi": ["hi"],
    "mr": ["mr"],
    "bn": ["bn", "bn_IN"],
    "ta": ["ta"],
    "ur": ["ur"],
    "gu": ["gu"],
    "pa": ["pa"],
    "ne": ["ne"],
    "te": ["te"],
    "kn": ["kn"],
}

# Messages with placeholders, markup, mnemonics, escapes or control characters are not prose.
_NOT_PROSE = re.compile(
    r"[%{}<>\\_&$@|=#*\[\]\t\n\r\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]"
)
_SPACES = re.compile(r"\s{2,}")
# Scripts written without spaces between words: CJK, kana, hangul syllables are counted as words.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{6}")


def catalog_versions() -> dict[str, str]:
    """Installed versions of the packages the catalogs come from (for the suite's manifest)."""
    found = {}
    for package in sorted({p for p, _ in CATALOGS.values()}):
        try:
            out = subprocess.run(
                ["dpkg-query", "-W", "-f", "${Version}", package],
                capture_output=True,
                text=True,
                timeout=30,
            )
            found[package] = out.stdout.strip() if out.returncode == 0 else "?"
        except (OSError, subprocess.SubprocessError):
            found[package] = "?"
    return found


def _read_mo(path: Path) -> dict:
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]


@cache
def catalog_messages(lang: str) -> tuple[tuple[str, str, str], ...]:
    """(domain, msgid, msgstr) of every usable translated message for *lang*, in a fixed order."""
    rows = []
    seen = set()
    for domain in CATALOGS:
        for directory in LANGS.get(lang) or MORE_LANGS.get(lang, [lang]):
            path = LOCALE_DIR / directory / "LC_MESSAGES" / f"{domain}.mo"
            if path.exists():
                break
        else:
            continue
        try:
            catalog = _read_mo(path)
        except (OSError, UnicodeDecodeError, ValueError):  # a damaged catalog is skipped
            continue
        for key in sorted(catalog, key=lambda k: k if isinstance(k, str) else k[0]):
            if not isinstance(key, str) or not key:
                continue  # plural forms and the header
            text = catalog[key]
            if not isinstance(text, str) or text == key or _NOT_PROSE.search(text):
                continue
            text = _SPACES.sub(" ", text.strip())
            if not 3 <= len(text) <= 220 or text.isascii() or text in seen:
                continue
            seen.add(text)
            rows.append((domain, key, text))
    return tuple(rows)


def is_sentence(text: str) -> bool:
    """A message that reads as prose: several words (or, for CJK and Thai, many characters)."""
    if len(text) < 12:
        return False
    return text.count(" ") >= 3 or bool(_UNSPACED.search(text))


def require_catalogs(langs) -> None:
    """Stop with one clear line when a language has no installed catalog to draw from."""
    missing = [lang for lang in langs if not catalog_messages(lang)]
    if missing:
        raise SystemExit(
            f"no translation catalogs for {', '.join(missing)} under {LOCALE_DIR} "
            "(Debian/Ubuntu install them with the packages listed in bench/text_sources.py)"
        )


def sentences(lang: str) -> list[str]:
    return [text for _, _, text in catalog_messages(lang) if is_sentence(text)]


def headlines(lang: str) -> list[str]:
    """Short messages: titles, country and language names, menu labels."""
    return [text for _, _, text in catalog_messages(lang) if not is_sentence(text)]


def stable_order(items: list[str], salt: str) -> list[str]:
    """A deterministic shuffle: sort by a salted SHA-256 of each item."""
    return sorted(items, key=lambda s: hashlib.sha256(f"{salt}\x00{s}".encode()).hexdigest())


def line_hash(text: str) -> str:
    """The key a reference line is listed under (first 16 hex digits of its UTF-8 SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def listed_broken() -> set[str]:
    """Hashes of the reference lines that hold mojibake (tests/fixtures/real_text/reference_mojibake.json):
    the suites do not take their text from those."""
    path = (
        Path(__file__).resolve().parent.parent
        / "tests"
        / "fixtures"
        / "real_text"
        / "reference_mojibake.json"
    )
    data = json.loads(path.read_text(encoding="utf-8"))
    return {entry["hash"] for entry in data["repairs"] + data["unrepairable"]}


# ----------------------------------------------------------------- shared benchmark references
def wcxb_documents(shared: Path) -> list[tuple[str, dict]]:
    folder = shared / "bench" / "wcxb" / "dev"
    return [
        (path.name.removesuffix(".json.gz"), json.loads(gzip.open(path).read()))
        for path in sorted(folder.glob("*.json.gz"))
    ]


def reference_lines(shared: Path) -> list[tuple[str, str]]:
    """(source, line) for every non-ASCII, non-blank line of the WCXB dev references and the
    Zyte dev gold bodies. Source is ``wcxb/ID`` or ``zyte/ID``."""
    rows = []
    for doc_id, doc in wcxb_documents(shared):
        rows += [
            (f"wcxb/{doc_id}", line)
            for line in (doc.get("main_content") or "").splitlines()
            if line.strip() and not line.isascii()
        ]
    zyte = shared / "bench" / "extraction" / "dev"
    for page in (
        sorted(p for p in zyte.iterdir() if (p / "gold.txt").exists()) if zyte.is_dir() else []
    ):
        rows += [
            (f"zyte/{page.name[:12]}", line)
            for line in (page / "gold.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.isascii()
        ]
    return rows


def english_lines(shared: Path, known_broken: set[str] | None = None) -> list[str]:
    """English prose lines of the WCXB dev references (ASCII and not), without lines that hold
    mojibake (C1 controls or the listed broken lines), 40 to 400 characters, each once."""
    known_broken = known_broken or set()
    seen, rows = set(), []
    for _, doc in wcxb_documents(shared):
        for line in (doc.get("main_content") or "").splitlines():
            line = line.strip()
            if not 40 <= len(line) <= 400 or line.count(" ") < 6 or line in seen:
                continue
            if re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]|[ÂÃâÅ][\u0080-\u00bf]", line):
                continue
            if line_hash(line) in known_broken:
                continue
            seen.add(line)
            rows.append(line)
    return rows
