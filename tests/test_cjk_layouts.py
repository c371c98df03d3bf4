"""Chinese, Japanese and Korean pages as terminal browsers dump them: wrapped anywhere,
links listed by address, share buttons glued together."""

from __future__ import annotations

import pytest
from conftest import ROOT

import newsclean
from newsclean.extract.features import Limits, is_bare_url, page_lines
from newsclean.extract.layout import cjk_edge, normalize, unwrap
from newsclean.extract.metadata import is_date_line
from newsclean.extract.rules import match_rule

BROWSERS = ROOT / "tests" / "fixtures" / "browsers"
HTML = ROOT / "tests" / "fixtures" / "html"


@pytest.mark.parametrize("browser", ["lynx", "w3m"])
@pytest.mark.parametrize("story", ["ja", "ko"])
def test_a_cjk_story_dumped_by_a_terminal_browser_cleans_as_the_page(story, browser):
    """``lynx -dump`` and ``w3m -dump`` at 80 columns (lynx 2.9.0, w3m 0.5.3, the commands
    of ``bench/layouts.py``) of a Japanese story with a site's menus, related stories and
    footer, and of a Korean one: the dump gives the page's language, title, paragraphs,
    byline and date. Both browsers break CJK text anywhere (lynx at 74 characters, w3m at
    79 columns, a Han character being two), and w3m breaks Korean inside words too: each
    paragraph must come back whole, without a space where a word was cut."""
    page = newsclean.clean((HTML / f"story_{story}.html").read_bytes(), input="html")
    dump = (BROWSERS / f"story_{story}.{browser}.txt").read_text(encoding="utf-8")
    document = newsclean.clean(dump, input="text")
    assert document.language == page.language == story
    assert document.title == page.title
    assert document.paragraphs == page.paragraphs
    assert (document.byline, document.date) == (page.byline, page.date)


def test_the_japanese_page_gives_its_story_and_not_its_links():
    """The HTML page itself: the story's five paragraphs, not its date line (a time in
    時 and 分) nor its share buttons."""
    page = newsclean.clean((HTML / "story_ja.html").read_bytes(), input="html")
    assert len(page.paragraphs) == 5
    assert all(p.endswith("。") for p in page.paragraphs)
    assert (page.byline, page.date) == ("山田太郎", "2025-03-12")


def test_a_lynx_dumps_addresses_do_not_set_the_language():
    """lynx lists every link's address at the end of its dump (55 here, against five
    paragraphs): their "com", "www" and "en" are words of no language the page is in, and
    their letters outnumber the story's characters. The language is told from the prose."""
    lines, _ = normalize((BROWSERS / "story_ja.lynx.txt").read_text(encoding="utf-8").split("\n"))
    assert sum(is_bare_url(line.strip()) for line in lines) == 55
    assert page_lines(lines, Limits())[1] == "ja"


def test_a_dump_that_is_not_wrapped_is_left_as_it_is():
    """A Japanese dump with a line per paragraph (html_text's) has CJK lines of every
    length: nothing is joined."""
    lines = (ROOT / "tests" / "fixtures" / "cjk" / "news_ja.txt").read_text(encoding="utf-8")
    lines = lines.split("\n")
    assert cjk_edge(lines) == (0, 0)
    assert unwrap(lines) == (lines, None)


def test_the_edge_is_counted_as_the_browser_counts():
    """lynx counts characters, w3m columns (a wide character two): each dump's edge is
    its own measure's."""
    ja = {b: (BROWSERS / f"story_ja.{b}.txt").read_text(encoding="utf-8") for b in ("lynx", "w3m")}
    assert cjk_edge(ja["lynx"].split("\n")) == (0, 74)
    assert cjk_edge(ja["w3m"].split("\n"))[0] == 1


def test_cjk_share_buttons_with_nothing_between_them_are_a_share_widget():
    """w3m writes adjacent links with nothing between them ("ツイートシェア")."""
    for line in ("ツイートシェア LINE", "공유하기인쇄", "ツイート シェア"):
        hit = match_rule(line)
        assert hit is not None and hit.rule == "share-widget", line
    assert match_rule("シェアハウスの家賃が上がった") is None


@pytest.mark.parametrize(
    "line", ["2025年3月12日 10時15分", "2025年3月12日 10时15分", "2025年3月12日 10時15分30秒"]
)
def test_a_date_with_a_time_in_han_characters_is_a_date_line(line):
    assert is_date_line(line)
    assert not is_date_line("記事は3分で読める")
