"""Dates, datelines and bylines."""

from __future__ import annotations

import pytest

from newsclean import clean
from newsclean.extract.html.meta import clean_byline
from newsclean.extract.metadata import is_byline, is_date_line, parse_date, parse_dateline


@pytest.mark.parametrize(
    "text, iso",
    [
        ("This report by The Canadian Press was first published March 22, 2023", "2023-03-22"),
        ("Nov. 19, 2019 8:03 am ET", "2019-11-19"),
        ("Tuesday, 5 March 2024", "2024-03-05"),
        ("Publicado em 5 de março de 2021, às 10h", "2021-03-05"),
        ("Actualizado el 3 de enero de 2020", "2020-01-03"),
        ("Mis à jour le 14 juillet 2022", "2022-07-14"),
        ("Veröffentlicht am 14. Juni 2023", "2023-06-14"),
        ("Pubblicato il 2 settembre 2021", "2021-09-02"),
        ("19 ноября 2019, 14:05", "2019-11-19"),
        ("Senin, 30 Maret 2015", "2015-03-30"),
        ("2019年11月18日 10時", "2019-11-18"),
        ("입력 2019.11.18 10:03", "2019-11-18"),
        ("2019년 11월 18일", "2019-11-18"),
        ("2019-11-18T10:03:00Z", "2019-11-18"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text, month_first=True) == iso


def test_numeric_dates_follow_language_order() -> None:
    assert parse_date("03/04/2020", month_first=True) == "2020-03-04"
    assert parse_date("03/04/2020", month_first=False) == "2020-04-03"
    assert parse_date("25/12/2019", month_first=True) == "2019-12-25"


@pytest.mark.parametrize("text", ["Just 2019", "Version 3.2.1", "Call 555-1234", ""])
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_date_line() -> None:
    assert is_date_line("Updated: Mar 3, 2021 5:12 p.m. ET")
    assert not is_date_line("Officials said on March 3, 2021 that the bridge would close.")


@pytest.mark.parametrize(
    "text",
    [
        "Published on May 02, 2024 07:44 PM IST",
        "Updated 0339 GMT (1139 HKT) November 19, 2019",
        "Mar 12, 2025, 10:15 AM MDT",
        "12 March 2025, 10:15 AEDT",
        "March 12, 2025 10:15 PKT",
    ],
)
def test_date_lines_in_the_time_zones_news_is_dated_in(text: str) -> None:
    assert is_date_line(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("OTTAWA — Han Dong has resigned.", "OTTAWA"),
        ("WASHINGTON (AP) — Lawmakers returned on Monday.", "WASHINGTON"),
        ("LONDON, Nov 18 (Reuters) - Shares rose.", "LONDON"),
        ("RIVERSIDE, Ore. (AP) — The council voted.", "RIVERSIDE"),
        ("RIO DE JANEIRO — A polícia prendeu dois suspeitos.", "RIO DE JANEIRO"),
    ],
)
def test_dateline(text: str, place: str) -> None:
    assert parse_dateline(text) == place


@pytest.mark.parametrize(
    "text", ["The vote - a close one - passed.", "I — for one — agree.", "US-China talks resume"]
)
def test_no_dateline(text: str) -> None:
    assert parse_dateline(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Doe",
        "By JANE DOE",
        "Jane Doe, Reuters",
        "The Associated Press",
        "REUTERS",
        "Por Ana Costa",
        "Von Thomas Berger",
        "김철수 기자",
        "Автор: Ирина Соколова",
        "记者 王小明",
        "作者：李华",
    ],
)
def test_byline(text: str) -> None:
    assert is_byline(text)


@pytest.mark.parametrize(
    "text",
    [
        "By the end of the day, the storm had passed.",
        "Press freedom day",
        "Reuters said the talks failed.",
        "Jane Doe",
        "记者会上，市长表示将继续推进该项目。",
        "文章作者的观点不代表本站",
    ],
)
def test_not_byline(text: str) -> None:
    assert not is_byline(text)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Texto: Maria Silva", "Maria Silva"),
        ("Posted by Jane Doe", "Jane Doe"),
        ("Por Ana Gómez", "Ana Gómez"),
        ("Von Thomas Berger", "Thomas Berger"),
    ],
)
def test_byline_prefixes_in_every_language_are_stripped(line: str, author: str) -> None:
    """One list of byline prefixes (extract/lexicon.py) serves text dumps and HTML alike."""
    body = "\n\n".join(
        f"Paragraph {n} of the report says the council met on Tuesday and voted on the "
        "budget for the coming year, after a long debate about schools and roads."
        for n in range(1, 4)
    )
    doc = clean(f"Council passes the budget\n\n{line}\n\n{body}\n")
    assert doc.byline == author
    assert clean_byline(line) == author


def test_a_family_name_particle_is_not_taken_for_a_prefix() -> None:
    assert clean_byline("Von der Leyen") == "Von der Leyen"
    assert clean_byline("Di Maio") == "Di Maio"
