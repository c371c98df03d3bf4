"""The inspection view: markers, repairs on their lines, summary figures, folding, side by side, the command."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from newsclean import clean
from newsclean.cli import cli
from newsclean.document import Decision, Document, Removal
from newsclean.output.diff import (
    BLANK,
    KEPT,
    MOVED,
    REMOVED,
    REPAIRED,
    Fold,
    LineView,
    build_view,
    cell_len,
    fold,
    render_plain,
    render_rich,
    render_side_by_side,
    summary_lines,
)
from newsclean.text.decode import Decoded
from newsclean.text.record import Step
from newsclean.text.repair import Repair

UTF8_AS_CP1252 = (Step("UTF-8", "cp1252"),)

SAMPLE = SAMPLES / "000_327f9b9f446e87e2.txt"

# The input before repair, line by line; line 6 and 8 hold mojibake.
RAW = [
    "Skip to content",  # 1 nav
    "Share | Tweet | Email",  # 2 share, no rule
    "",  # 3
    "CafÃ© owners protest new rules",  # 4 title, repaired
    "By Ana Lima",  # 5 byline
    "The cafÃ© owners met on Monday and the mayor's office said crÃ¨me would stay.",  # 6 body, 2 repairs
    "",  # 7
    "Photo: the cafÃ© in 2019",  # 8 caption, repaired
    "Sign up for our newsletter",  # 9 newsletter
    "  Officials said the rules start next year.  ",  # 10 body with whitespace
]
FIXES = {"Ã©": "é", "Ã¨": "è"}


def _document() -> Document:
    """A Document as the pipeline would build it for RAW, with known repairs and removals."""
    before = "\n".join(RAW)
    repairs, fixed_lines = [], []
    offset = 0
    for line in RAW:
        fixed = line
        for match in re.finditer("Ã©|Ã¨", line):
            repairs.append(
                Repair(
                    offset + match.start(),
                    offset + match.end(),
                    match.group(),
                    FIXES[match.group()],
                    UTF8_AS_CP1252,
                )
            )
        for bad, good in FIXES.items():
            fixed = fixed.replace(bad, good)
        fixed_lines.append(fixed)
        offset += len(line) + 1
    assert before.count("Ã") == len(repairs) == 4
    d = [
        Decision(
            1, fixed_lines[0], False, "boilerplate", "nav", "skip-link", "matched 'Skip to content'"
        ),
        Decision(2, fixed_lines[1], False, "boilerplate", "share"),
        Decision(3, "", False, "blank"),
        Decision(4, fixed_lines[3], True, "title", rule="headline"),
        Decision(5, fixed_lines[4], False, "byline", "byline", "byline"),
        Decision(6, fixed_lines[5], True, "body"),
        Decision(7, "", False, "blank"),
        Decision(8, fixed_lines[7], False, "caption", "caption", "caption-credit"),
        Decision(9, fixed_lines[8], False, "boilerplate", "newsletter", "newsletter-short"),
        Decision(10, fixed_lines[9], True, "body"),
    ]
    removed = [
        Removal(x.line, x.text, x.reason, x.rule, x.evidence)
        for x in d
        if not x.keep and x.role != "blank"
    ]
    return Document(
        title=fixed_lines[3],
        paragraphs=[fixed_lines[5], fixed_lines[9].strip()],
        byline="Ana Lima",
        captions=[fixed_lines[7]],
        repairs=repairs,
        removed=removed,
        decisions=d,
        decoded=Decoded(before, "utf-8", 1.0, "utf-8"),
        source="page.txt",
    )


EXPECTED_PLAIN = """\
- Skip to content  [nav: skip-link]
- Share | Tweet | Email  [share]

> Café owners protest new rules  [title: headline]
    Ã© → é  (UTF-8 read as cp1252)
> By Ana Lima  [byline: byline]
~ The café owners met on Monday and the mayor's office said crème would stay.
    Ã© → é  (UTF-8 read as cp1252)
    Ã¨ → è  (UTF-8 read as cp1252)

> Photo: the café in 2019  [caption: caption-credit]
    Ã© → é  (UTF-8 read as cp1252)
- Sign up for our newsletter  [newsletter: newsletter-short]
  Officials said the rules start next year.
"""


def test_plain_markers_are_exact():
    assert render_plain(build_view(_document())) == EXPECTED_PLAIN


def test_statuses_follow_the_decisions():
    view = build_view(_document())
    assert [line.status for line in view.lines] == [
        REMOVED,
        REMOVED,
        BLANK,
        MOVED,
        MOVED,
        REPAIRED,
        BLANK,
        MOVED,
        REMOVED,
        KEPT,
    ]
    assert view.lines[0].evidence == "matched 'Skip to content'"
    assert view.lines[1].label == "share"


def test_repairs_land_on_their_lines_and_columns():
    view = build_view(_document())
    assert not view.unplaced_repairs
    by_line = {line.number: line for line in view.lines}
    text = by_line[6].text
    assert [r.column for r in by_line[6].repairs] == [text.index("é"), text.index("è")] == [7, 60]
    for line, raw in zip(view.lines, RAW):
        assert line.raw == raw
        for rep in line.repairs:
            assert line.text[rep.column : rep.column + len(rep.after)] == rep.after


def test_repairs_found_by_text_when_offsets_do_not_fit():
    doc = _document()
    # a classifier that strips lines (as HTML blocks would be) breaks the offsets
    doc.decisions = [
        Decision(x.line, x.text.strip(), x.keep, x.role, x.reason, x.rule) for x in doc.decisions
    ]
    doc.decisions.insert(0, Decision(0, "Menu", False, "boilerplate", "nav"))
    view = build_view(doc)
    assert not view.unplaced_repairs
    assert sum(len(line.repairs) for line in view.lines) == 4
    assert len({(line.number, r.column) for line in view.lines for r in line.repairs}) == 4


def test_repair_that_no_line_holds_is_listed_apart():
    doc = _document()
    doc.repairs.append(Repair(10_000, 10_003, "â€™", "’", UTF8_AS_CP1252))
    view = build_view(doc)
    assert [r.after for r in view.unplaced_repairs] == ["’"]
    out = render_plain(view)
    assert "# repairs not on any line:\n    â€™ → ’  (UTF-8 read as cp1252)\n" in out


def test_summary_figures_come_from_the_document():
    doc = _document()
    summary = build_view(doc).summary
    assert summary.removed_by_reason == dict(Counter(r.reason for r in doc.removed))
    assert summary.lines_removed == len(doc.removed) == 5
    assert summary.lines_kept == doc.stats["lines_kept"] == 3
    assert summary.lines == 8 and summary.blank == 2
    assert summary.moved_by_role == {"title": 1, "byline": 1, "caption": 1}
    assert summary.repairs == len(doc.repairs) == 4
    assert summary.characters_removed == sum(len(r.text) for r in doc.removed)
    assert summary.characters_in == sum(len(x.text) for x in doc.decisions if x.role != "blank")
    assert summary.share_removed == pytest.approx(
        summary.characters_removed / summary.characters_in
    )
    text = "\n".join(summary_lines(summary))
    assert "# lines: 8 (3 kept, 5 removed, 2 blank)" in text
    assert "# removed by reason: byline 1, caption 1, nav 1, newsletter 1, share 1" in text
    assert "# repairs: 4 (UTF-8 read as cp1252 ×4)" in text
    assert "# encoding: utf-8 (rung utf-8, confidence 1.00)" in text
    share = f"{100 * summary.characters_removed / summary.characters_in:.1f}%"
    assert (
        f"# removed text: {summary.characters_removed} of {summary.characters_in} characters ({share})"
        in text
    )
    assert "byline 'Ana Lima'" in text


def test_empty_document_has_a_summary():
    view = build_view(Document())
    assert view.lines == ()
    assert "# removed text: 0 of 0 characters (0.0%)" in render_plain(view, summary=True)


def _run(status: str, n: int, start: int = 1, reasons=("nav",)) -> list[LineView]:
    return [
        LineView(
            start + i,
            f"line {start + i}",
            status,
            "boilerplate" if status == REMOVED else "body",
            reason=reasons[i % len(reasons)] if status == REMOVED else "",
        )
        for i in range(n)
    ]


def test_fold_keeps_context_at_both_ends():
    lines = _run(REMOVED, 10, reasons=("nav", "nav", "share"))
    out = fold(lines, 2)
    assert [getattr(x, "number", None) for x in out] == [1, 2, None, 9, 10]
    assert out[2].describe() == "@@ 6 removed lines (nav ×4, share ×2) @@"
    assert [x.describe() for x in fold(lines, 0)] == ["@@ 10 removed lines (nav ×7, share ×3) @@"]
    assert fold(lines, None) == lines


def test_fold_needs_two_hidden_lines_and_stops_at_repairs_and_metadata():
    assert fold(_run(KEPT, 3), 1) == _run(KEPT, 3)
    assert isinstance(fold(_run(KEPT, 4), 1)[1], Fold)
    lines = _run(KEPT, 3) + [LineView(4, "Title", MOVED, "title")] + _run(KEPT, 3, start=5)
    assert isinstance(fold(lines, 0)[1], LineView)  # the metadata line ends both runs
    assert [x.describe() if isinstance(x, Fold) else x.number for x in fold(lines, 0)] == [
        "@@ 3 kept lines @@",
        4,
        "@@ 3 kept lines @@",
    ]


def test_blank_lines_belong_to_the_run_and_are_not_counted():
    lines = []
    for i in range(1, 7):
        lines.append(LineView(2 * i - 1, f"nav {i}", REMOVED, "boilerplate", "nav"))
        lines.append(LineView(2 * i, "", BLANK, "blank"))
    out = fold(lines, 1)
    assert out[0].number == 1 and out[-1].number == 12
    assert [x.describe() for x in out if isinstance(x, Fold)] == ["@@ 4 removed lines (nav ×4) @@"]


def test_context_in_the_rendered_diff():
    doc = _document()
    out = render_plain(build_view(doc), context=0)
    assert out.startswith("@@ 2 removed lines (nav ×1, share ×1) @@\n\n> Café")
    # the lone kept line at the end is not folded: hiding one line saves nothing
    assert out.endswith("  Officials said the rules start next year.\n")


def test_side_by_side_fits_the_width():
    doc = _document()
    doc.decisions[5] = Decision(6, "中文新闻" * 40, True, "body")
    view = build_view(doc)
    for width in (100, 121, 160):
        out = render_side_by_side(view, width, summary=True)
        assert max(cell_len(line) for line in out.splitlines()) <= width
        assert max(cell_len(line) for line in out.splitlines()) >= width - 10
    rows = render_side_by_side(view, 120).splitlines()
    title = next(row for row in rows if row.lstrip().startswith("4 >"))
    left, right = title.split(" | ")
    assert "CafÃ© owners" in left and "[title: headline] Café owners" in right
    nav = next(row for row in rows if row.lstrip().startswith("1 -"))
    assert nav.rstrip().endswith(" |")


def test_control_characters_never_reach_the_terminal():
    doc = Document(
        decisions=[
            Decision(1, "evil \x1b[2J\x1b]0;title\x07 line \u202e", True, "body"),
            Decision(2, "x\x1b[31m", False, "boilerplate", "nav\x1b[0m", "r\x07"),
        ],
        removed=[Removal(2, "x\x1b[31m", "nav\x1b[0m", "r\x07")],
    )
    view = build_view(doc)
    for out in (render_plain(view, summary=True), render_side_by_side(view, 120, summary=True)):
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\x1b[2J" in out


def test_rich_output_has_the_plain_text():
    from rich.console import Console

    view = build_view(_document())
    console = Console(record=True, force_terminal=True, width=200, file=open("/dev/null", "w"))
    for line in render_rich(view, context=1, summary=True):
        console.print(line)
    assert console.export_text(styles=False, clear=False) == render_plain(
        view, context=1, summary=True
    )
    assert "\x1b[" in console.export_text(styles=True)


# ---------------------------------------------------------------- end to end, any classifier

PAGE = """Skip to content
Home | World | Business | Sport
Share | Tweet | Email

CafÃ© owners protest new parking rules

By Ana Lima

The cafÃ© owners on Main Street met on Monday to protest the new parking rules, which the council approved last week without a public hearing.

Owners said the rules would cut the number of customers who can stop by during the morning rush, and asked the council to reconsider before the rules start in March.

Sign up for our newsletter
Copyright 2024 Example News. All rights reserved.
"""


@pytest.mark.parametrize(
    "data", [PAGE.encode("utf-8"), SAMPLE.read_bytes()], ids=["page", "sample"]
)
def test_every_removed_line_is_shown_with_its_reason(data):
    doc = clean(data, source="page")
    out = render_plain(build_view(doc), numbers=True, summary=True).splitlines()
    numbered = {}
    for row in out:
        m = re.match(r"^([-> ~]) (\s*\d+) ", row)
        if m:
            numbered[int(m.group(2))] = row
    assert len(numbered) == sum(1 for x in doc.decisions if x.text.strip())
    for removal in doc.removed:
        row = numbered[removal.line]
        assert row[0] in "->", row
        assert re.search(r"  \[[^\]]*" + re.escape(removal.reason), row), row
    kept = [x for x in doc.decisions if x.keep and x.role == "body"]
    for x in kept:
        assert numbered[x.line][0] in " ~"
    for rep in doc.repairs:
        assert f"    {rep.before} → {rep.after}  ({rep.description})" in out
    figures = "\n".join(row for row in out if row.startswith("# "))
    by_reason = Counter(r.reason for r in doc.removed)
    assert (
        "# removed by reason: " + ", ".join(f"{k} {v}" for k, v in sorted(by_reason.items()))
        in figures
    )


# ---------------------------------------------------------------- the command


def invoke(*args, input=None, env=None):
    runner = CliRunner()
    return runner.invoke(
        cli, ["diff", *map(str, args)], input=input, env={"NO_COLOR": None, **(env or {})}
    )


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(PAGE.encode("utf-8"))
    return path


def test_command_prints_plain_markers_and_the_summary(page):
    result = invoke(page)
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output
    doc = clean(page.read_bytes(), source=str(page))
    assert result.output == render_plain(build_view(doc), summary=True)
    assert "\n# removed text: " in result.output


def test_command_colour_flags_and_no_color(page):
    assert "\x1b[" in invoke("--color", page).output
    assert "\x1b[" not in invoke("--no-color", page).output
    assert "\x1b[" not in invoke(page, env={"NO_COLOR": "1"}).output


def test_command_reads_stdin_and_folds(page):
    result = invoke("--context", "0", "--no-summary", input=page.read_bytes())
    assert result.exit_code == 0
    assert "@@ " in result.output and "# " not in result.output


def test_command_side_by_side_width_and_fallback(page):
    result = invoke("--side-by-side", "--width", "80", page)
    assert result.exit_code == 0
    assert "side-by-side needs 100 columns and the terminal has 80" in result.output
    assert "- Skip to content  [nav" in result.output
    assert not re.search(r"^ +1 - ", result.output, re.MULTILINE)
    wide = invoke("--side-by-side", "--width", "130", page)
    assert "side-by-side needs" not in wide.output
    assert re.search(r"^ +1 - Skip to content  \[nav.* \|$", wide.output, re.MULTILINE)
    assert max(cell_len(line) for line in wide.output.splitlines()) <= 130


def test_command_many_files_and_failures(page, tmp_path):
    result = invoke(page, tmp_path / "missing.txt", page)
    assert result.exit_code == 1
    assert result.output.count("==> ") == 2
    assert "missing.txt: no such file" in result.output


def test_help_documents_the_markers():
    out = CliRunner().invoke(cli, ["diff", "--help"]).output
    for marker in (
        "'  '",
        "'~ '",
        "'- '",
        "'> '",
        "'@@'",
        "'# '",
        "[REASON: RULE]",
        "--side-by-side",
        "--context",
        "--html",
        "--favor",
        "--encoding",
        "--max-bytes",
    ):
        assert marker in out


def test_installed_command(run_process, page):
    proc = run_process("diff", "-n", page)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^-     1 Skip to content  \[nav", proc.stdout.decode(), re.MULTILINE)


def test_command_uses_user_rules(page, tmp_path):
    rules = tmp_path / "rules.txt"
    rules.write_text("drop promo: /^Copyright/\n", encoding="utf-8")
    result = invoke("--rules", rules, "--no-summary", page)
    assert result.exit_code == 0, result.output
    assert re.search(r"^- Copyright 2024 .*  \[promo: ", result.output, re.MULTILINE)


def test_diff_of_an_html_page_shows_its_blocks_with_reasons(run):
    from pathlib import Path

    page = Path(__file__).parent / "fixtures" / "html" / "story.html"
    proc = run("diff", "--no-color", page)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    lines = out.splitlines()
    assert "- Sport  [nav: dom-nav]" in lines
    assert "> Harbour bridge reopens after repairs  [title: headline]" in lines
    assert any(line.startswith("  The harbour bridge reopened") for line in lines)
    assert "<p>" not in out and "tracking" not in out  # the page's text, not its markup or scripts
    doc = clean(page.read_bytes())
    summary = next(line for line in lines if line.startswith("# removed by reason:"))
    for reason, count in Counter(r.reason for r in doc.removed).items():
        assert f"{reason} {count}" in summary


def test_a_long_repair_is_shown_as_its_first_change_in_context(run, tmp_path):
    sentence = (
        "Le président a déclaré mardi que la réforme des retraites serait présentée à l'Assemblée "
        "nationale avant l'été, malgré l'opposition des syndicats et de nombreux élus de la majorité."
    )
    page = tmp_path / "fr.txt"
    page.write_text(
        "Réforme des retraites\n\n" + sentence.encode("utf-8").decode("latin-1") + "\n",
        encoding="utf-8",
    )
    out = run("diff", "--no-summary", page).stdout.decode("utf-8").splitlines()
    repaired = [i for i, line in enumerate(out) if line.startswith("~ ")]
    assert [out[i] for i in repaired] == ["~ " + sentence]
    detail = out[repaired[0] + 1]
    assert detail.startswith("    ") and " → " in detail
    before, after = detail.strip().split(" → ")
    assert before.endswith("…") and "dÃ©clarÃ©" in before and len(before) < 80
    assert "déclaré" in after and "Ã" not in after
    assert re.search(r"…  \(.+; first change of a \d+-character span\)$", after), after
    assert sentence not in detail  # the paragraph is not shown twice
