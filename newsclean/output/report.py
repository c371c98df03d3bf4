"""One self-contained HTML file to inspect many cleaned pages.

:func:`render_report` takes entries ``(source, Document)`` or ``(source, error
message)`` and returns the page: an index of the documents (sortable by share of
text removed, repairs, failures), the failures with their messages, and per
document the annotated diff of :mod:`newsclean.output.diff` with each removed line's
reason shown inline and on hover, and checkboxes that hide lines by reason.
Long runs of removed lines are folded (a ``<details>`` saying how many lines and
why); thin results (a ``thin`` warning) are marked in the index and above their diff.

The page works offline and loads nothing: inline CSS, one small inline script
allowed by its hash in a Content-Security-Policy that forbids everything else.
Every piece of text from the pages is HTML-escaped, so markup and scripts in a
scraped page are shown as text and never run.

The script reads two optional settings from the address's fragment, so a
link can open the report filtered and sorted:
``report.html#hide=reason:nav,reason:share&sort=share``
(sort keys: ``source``, ``status``, ``lines``, ``removed``, ``share``,
``repairs``; a leading ``-`` sorts ascending).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
from collections import Counter
from collections.abc import Iterable

from newsclean.document import Document
from newsclean.output.diff import (
    BLANK,
    KEPT,
    MOVED,
    REMOVED,
    REPAIRED,
    DiffView,
    Fold,
    LineRepair,
    LineView,
    build_view,
    fold,
    summary_lines,
)

#: A report entry: where a document came from, and the document or why it failed.
Entry = tuple[str, Document | str | BaseException]

_CSS = """
:root { --removed: #fde8e8; --removed-ink: #9b1c1c; --moved: #e3f2fd; --moved-ink: #0b5394;
  --repaired: #fff7d6; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
  padding: 1rem 1.5rem 4rem; max-width: 80rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.4rem; margin: .2rem 0 .6rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .4rem; overflow-wrap: anywhere; }
.muted, .figures { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
td.source { overflow-wrap: anywhere; }
tr.failed td { color: var(--removed-ink); }
fieldset { border: 1px solid var(--line); margin: 1rem 0; padding: .4rem .8rem; }
fieldset label { display: inline-block; margin-right: 1rem; white-space: nowrap; }
.figures { margin: .2rem 0 .6rem; padding-left: 1.2rem; font-size: 13px; }
.error { color: var(--removed-ink); }
.diff { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  border: 1px solid var(--line); }
.line { display: grid; grid-template-columns: 3.5rem 1.5rem 1fr; border-bottom: 1px solid #f3f3f3; }
.line[hidden] { display: none; }
.line.blank { min-height: .5rem; }
.n { color: #999; text-align: right; padding-right: .5rem; user-select: none; }
.m { font-weight: bold; user-select: none; }
.t { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
.removed { background: var(--removed); }
.removed .x { color: var(--removed-ink); text-decoration: line-through;
  text-decoration-color: rgba(155, 28, 28, .45); }
.moved { background: var(--moved); }
.moved .x { color: var(--moved-ink); }
.repaired { background: var(--repaired); }
.why { display: inline-block; margin-left: .6rem; padding: 0 .35rem; border-radius: .25rem;
  font-size: 12px; background: #fff; border: 1px solid currentColor; text-decoration: none; }
.rep { background: #fff1a8; border-radius: .2rem; }
.rep del { color: #9b1c1c; }
.rep ins { color: #1b6e20; text-decoration: none; font-weight: 600; }
.rep ins::before { content: " \\2192  "; color: var(--muted); font-weight: normal; }
.unplaced { margin: .3rem 0; font-size: 13px; }
details.fold > summary { cursor: pointer; padding: .1rem .5rem .1rem 5rem; color: var(--removed-ink);
  background: var(--removed); border-bottom: 1px solid #f3f3f3; font-style: italic; }
.thin-note { color: #8a5a00; background: #fff4e0; border-left: 3px solid #e0a030; padding: .2rem .6rem;
  margin: .3rem 0; font-size: 13px; }
tr.thin td { color: #8a5a00; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function applyFilters() {
    var hidden = {};
    boxes.forEach(function (box) { if (!box.checked) hidden[box.getAttribute("data-filter")] = true; });
    document.querySelectorAll(".line[data-filter]").forEach(function (line) {
      line.hidden = hidden[line.getAttribute("data-filter")] === true;
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  var table = document.getElementById("index");
  function sortBy(key, ascending) {
    if (!table) return;
    var th = table.querySelector("th[data-key='" + key.replace(/[^a-z]/g, "") + "']");
    if (!th) return;
    var col = th.cellIndex, numeric = th.getAttribute("data-type") === "number";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].getAttribute("data-value"), y = b.cells[col].getAttribute("data-value");
      if (numeric) { x = parseFloat(x); y = parseFloat(y); }
      var order = x < y ? -1 : x > y ? 1 : 0;
      if (order === 0) order = parseFloat(a.getAttribute("data-order")) - parseFloat(b.getAttribute("data-order"));
      else if (!ascending) order = -order;
      return order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  if (table) {
    table.querySelectorAll("th[data-key] button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var ascending = th.getAttribute("aria-sort") === "descending" ||
          (th.getAttribute("aria-sort") !== "ascending" && th.getAttribute("data-type") !== "number");
        sortBy(th.getAttribute("data-key"), ascending);
      });
    });
  }
  var settings = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var at = pair.indexOf("=");
    if (at > 0) {
      try { settings[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1)); } catch (e) { }
    }
  });
  if (settings.hide) {
    var hide = settings.hide.split(",");
    boxes.forEach(function (box) { if (hide.indexOf(box.getAttribute("data-filter")) >= 0) box.checked = false; });
    applyFilters();
  }
  if (settings.sort) {
    var asc = settings.sort.charAt(0) === "-";
    sortBy(asc ? settings.sort.slice(1) : settings.sort, asc);
  }
  document.documentElement.setAttribute("data-ready", "1");
})();
"""


def script_hash() -> str:
    """The CSP source that allows the report's one inline script and nothing else."""
    digest = hashlib.sha256(_SCRIPT.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy() -> str:
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src {script_hash()}; img-src 'none'; base-uri 'none'; form-action 'none'"
    )


# ---------------------------------------------------------------- escaping

_TRANSLATE = {
    c: f"\\x{c:02x}"
    for c in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0))
    if c not in (0x09, 0x0A)
}


def visible(text: str) -> str:
    r"""Text safe to put in a page: control characters shown as escapes, lone surrogates replaced.

    >>> visible("a\x1bb\ud800")
    'a\\x1bb\ufffd'
    """
    text = str(text).translate(_TRANSLATE)
    if not text.isascii() and any("\ud800" <= ch <= "\udfff" for ch in text):
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return text


def esc(text: object) -> str:
    """HTML-escape *text* for element content and double-quoted attribute values.

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(visible(str(text)), quote=True)


def script_json(value: object) -> str:
    r"""JSON that can sit inside ``<script>``: no ``<``, ``>``, ``&`` or line separators in it.

    >>> script_json({"t": "</script><b>&\u2028"})
    '{"t": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}'
    """
    text = json.dumps(value, ensure_ascii=True)  # also escapes U+2028, U+2029 and lone surrogates
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------- pieces


def _filter_key(line: LineView) -> str:
    if line.status == REMOVED:
        return "reason:" + (line.reason or line.role)
    if line.status == MOVED:
        return "metadata:" + line.role
    return "status:kept" if line.status in (KEPT, REPAIRED) else ""


def _tooltip(line: LineView) -> str:
    if line.status == REMOVED:
        head = f"removed: {line.reason or line.role}"
    elif line.status == MOVED:
        head = f"moved to metadata: {line.role}"
        if line.reason and line.reason != line.role:
            head += f" (reason {line.reason})"
    else:
        return ""
    parts = [head]
    if line.rule:
        parts.append(f"rule: {line.rule}")
    if line.evidence:
        parts.append(f"evidence: {line.evidence}")
    return "\n".join(parts)


def _repair_html(rep: LineRepair) -> str:
    return (
        f'<span class="rep" title="{esc("repaired: " + rep.description)}">'
        f"<del>{esc(rep.before)}</del><ins>{esc(rep.after)}</ins></span>"
    )


def _text_html(line: LineView) -> str:
    return "".join(
        esc(piece) if rep is None else _repair_html(rep) for piece, rep in line.pieces(line.text)
    )


def _line_html(line: LineView) -> str:
    if line.status == BLANK:
        return f'<div class="line blank" id="{{doc}}-l{line.number}"></div>'
    key = _filter_key(line)
    attrs = f' data-filter="{esc(key)}"' if key else ""
    tip = _tooltip(line)
    if tip:
        attrs += f' title="{esc(tip)}"'
    if line.status == REMOVED:
        attrs += f' data-reason="{esc(line.reason or line.role)}"'
    marker = {KEPT: "", REPAIRED: "~", REMOVED: "-", MOVED: "&gt;"}[line.status]
    why = f' <span class="why">{esc(line.label)}</span>' if line.label else ""
    return (
        f'<div class="line {line.status}" id="{{doc}}-l{line.number}"{attrs}>'
        f'<span class="n">{line.number}</span><span class="m">{marker}</span>'
        f'<span class="t"><span class="x">{_text_html(line)}</span>{why}</span></div>'
    )


#: Runs of at least this many removed lines are folded (``<details>``, closed) in the report,
#: the first and last line of the run staying in view.
FOLD_REMOVED = 6


def _lines_html(anchor: str, view: DiffView) -> str:
    out = []
    for item in fold(view.lines, 1):
        if not isinstance(item, Fold):
            out.append(_line_html(item).replace("{doc}", anchor))
            continue
        inner = "\n".join(_line_html(line).replace("{doc}", anchor) for line in item.lines)
        if item.status == REMOVED and item.size >= FOLD_REMOVED - 2:
            label = item.describe().strip("@ ")
            out.append(
                f'<details class="fold"><summary>{esc(label)}</summary>\n{inner}\n</details>'
            )
        else:
            out.append(inner)
    return "\n".join(out)


def _thin_note(document: Document) -> str:
    notes = [w.message for w in document.warnings if w.code == "thin"]
    return "".join(f'<p class="thin-note">{esc(note)}</p>\n' for note in notes)


def _document_html(anchor: str, source: str, view: DiffView, note: str = "") -> str:
    figures = "".join(f"<li>{esc(s[2:])}</li>" for s in summary_lines(view.summary))
    lines = _lines_html(anchor, view)
    unplaced = ""
    if view.unplaced_repairs:
        items = "".join(f"<li>{_repair_html(r)}</li>" for r in view.unplaced_repairs)
        unplaced = f'<div class="unplaced">Repairs not on any line:<ul>{items}</ul></div>'
    return (
        f'<section class="doc" id="{anchor}">\n<h2>{esc(source)}</h2>\n'
        f'{note}<ul class="figures">{figures}</ul>\n{unplaced}'
        f'<div class="diff">\n{lines}\n</div>\n</section>'
    )


def _failure_html(anchor: str, source: str, message: str) -> str:
    return (
        f'<section class="doc failed" id="{anchor}">\n<h2>{esc(source)}</h2>\n'
        f'<p class="error">Could not be cleaned: {esc(message)}</p>\n</section>'
    )


def _cell(value: object, sort_value: object, numeric: bool = True, extra: str = "") -> str:
    cls = ' class="num"' if numeric else extra
    return f'<td{cls} data-value="{esc(sort_value)}">{value}</td>'


# ---------------------------------------------------------------- the page


def _document_row(order: int, anchor: str, source: str, view, thin: bool) -> str:
    """The index table's row of a cleaned document."""
    s = view.summary
    link = f'<a href="#{anchor}">{esc(source)}</a>'
    row_class = ' class="thin"' if thin else ""
    return (
        f'<tr{row_class} data-order="{order}">'
        f"{_cell(order, order)}"
        f'<td class="source" data-value="{esc(source.lower())}">{link}</td>'
        f"{_cell('thin' if thin else 'ok', 0.5 if thin else 0, numeric=False)}"
        f"{_cell(s.lines, s.lines)}{_cell(s.lines_removed, s.lines_removed)}"
        f"{_cell(f'{100 * s.share_removed:.1f}%', round(s.share_removed, 6))}"
        f"{_cell(s.repairs, s.repairs)}"
        f"{_cell(esc(s.encoding['name'] if s.encoding else 'text'), 0, numeric=False)}</tr>"
    )


def _failure_row(order: int, anchor: str, source: str, message: str) -> str:
    """The index table's row of an input that failed."""
    link = f'<a href="#{anchor}">{esc(source)}</a>'
    return (
        f'<tr class="failed" data-order="{order}" title="{esc(message)}">'
        f"{_cell(order, order)}"
        f'<td class="source" data-value="{esc(source.lower())}">{link}</td>'
        f"{_cell('failed: ' + esc(message), 1, numeric=False)}"
        f"{_cell('', -1)}{_cell('', -1)}{_cell('', -1)}{_cell('', -1)}"
        f"{_cell('', '', numeric=False)}</tr>"
    )


#: The index table's columns: label, data key, sort type, right-aligned.
_INDEX_COLUMNS = (
    ("#", "order", "number", True),
    ("Document", "source", "text", False),
    ("Status", "status", "number", False),
    ("Lines", "lines", "number", True),
    ("Removed", "removed", "number", True),
    ("Share removed", "share", "number", True),
    ("Repairs", "repairs", "number", True),
    ("Encoding", "encoding", "text", False),
)


def _index_head() -> str:
    return "".join(
        f'<th scope="col" data-key="{key}" data-type="{kind}"{_NUM if align else ""}>'
        f'<button type="button">{label}</button></th>'
        for label, key, kind, align in _INDEX_COLUMNS
    )


def render_report(entries: Iterable[Entry], *, title: str = "newsclean report") -> str:
    """The HTML report for *entries*: ``(source, Document)`` or ``(source, error message)``."""
    rows, sections, failures, records = [], [], [], []
    reasons: Counter = Counter()
    moved: Counter = Counter()
    kept = 0
    n_docs = n_thin = 0
    for order, (source, item) in enumerate(entries, start=1):
        anchor = f"doc-{order}"
        source = str(source)
        if isinstance(item, Document):
            n_docs += 1
            view = build_view(item)
            reasons.update(
                (line.reason or line.role) for line in view.lines if line.status == REMOVED
            )
            moved.update(view.summary.moved_by_role)
            kept += sum(line.status in (KEPT, REPAIRED) for line in view.lines)
            n_thin += item.thin
            rows.append(_document_row(order, anchor, source, view, item.thin))
            sections.append(_document_html(anchor, source, view, _thin_note(item)))
            records.append(
                {
                    "source": source,
                    "anchor": anchor,
                    "failed": False,
                    "thin": item.thin,
                    **view.summary.to_dict(),
                }
            )
        else:
            message = str(item) or type(item).__name__
            rows.append(_failure_row(order, anchor, source, message))
            failures.append(f'<li><a href="#{anchor}">{esc(source)}</a>: {esc(message)}</li>')
            sections.append(_failure_html(anchor, source, message))
            records.append({"source": source, "anchor": anchor, "failed": True, "error": message})

    filters = [_checkbox("status:kept", "kept lines", kept)]
    filters += [
        _checkbox("metadata:" + role, f"{role} (metadata)", n) for role, n in sorted(moved.items())
    ]
    filters += [_checkbox("reason:" + reason, reason, n) for reason, n in sorted(reasons.items())]
    failed_html = ""
    if failures:
        failed_html = (
            f'<section id="failures"><h2>Failures ({len(failures)})</h2>'
            f"<ul>{''.join(failures)}</ul></section>"
        )
    total_removed = sum(reasons.values())
    head = _index_head()
    summary = (
        f"{n_docs} document{'s' * (n_docs != 1)} cleaned ({n_thin} thin), {len(failures)} failed;\n"
        f"{total_removed} line{'s' * (total_removed != 1)} removed."
    )
    return _page(title, summary, head, rows, failed_html, filters, sections, records)


def _page(
    title: str,
    summary: str,
    head: str,
    rows: list[str],
    failed_html: str,
    filters: list[str],
    sections: list[str],
    records: list[dict],
) -> str:
    """The whole report page around its parts."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(content_security_policy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsclean">
<title>{esc(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{esc(title)}</h1>
<p class="muted">{summary} Hover over a line for its rule and evidence.</p>
</header>
<nav aria-label="Documents">
<table id="index">
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</nav>
{failed_html}
<fieldset id="filters"><legend>Show lines</legend>
{chr(10).join(filters)}
</fieldset>
<main>
{chr(10).join(sections)}
</main>
<script type="application/json" id="newsclean-data">{script_json(records)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""


_NUM = ' class="num"'


def _checkbox(key: str, label: str, count: int) -> str:
    return (
        f'<label><input type="checkbox" checked data-filter="{esc(key)}"> '
        f'{esc(label)} <span class="muted">({count})</span></label>'
    )


def write_report(
    entries: Iterable[Entry], path: str | os.PathLike, *, title: str = "newsclean report"
) -> None:
    """Write :func:`render_report` to *path* atomically (UTF-8)."""
    from newsclean.io.files import atomic_writer

    text = render_report(entries, title=title)
    with atomic_writer(path) as handle:
        handle.write(text)
