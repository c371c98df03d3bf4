"""Turn a :class:`~newsclean.document.Document` into output. Renderers only read."""

from __future__ import annotations

import json

from newsclean.document import SCHEMA_VERSION, Decision, Document


def render_text(document: Document) -> str:
    """Title, a blank line, then paragraphs separated by blank lines, newline-terminated."""
    text = document.text
    return text + "\n" if text else ""


def render_json(document: Document | list[Document]) -> str:
    """The document and every decision as one pretty-printed JSON object (an array for a list)."""
    return dumps(
        [d.to_dict() for d in document] if isinstance(document, list) else document.to_dict()
    )


def dumps(data: object) -> str:
    """Pretty-printed JSON, newline-terminated, as ``--format json`` writes it."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def error_object(source: str, error: BaseException) -> dict:
    """The JSON of an input that could not be cleaned: ``{"source", "error": {"code", "message"}}``."""
    from newsclean.errors import NewscleanError, bug_message, error_code

    message = str(error) if isinstance(error, NewscleanError) else bug_message(error)
    return {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "error": {"code": error_code(error), "message": message},
    }


def decision_record(decision: Decision) -> dict:
    """One input line's verdict as JSON: what ``--explain`` shows in a row."""
    return {
        "line": decision.line,
        "text": decision.text.strip(),
        "decision": "keep" if decision.keep else "drop",
        "role": decision.role,
        "reason": None if decision.keep else (decision.reason or decision.role),
        "rule": decision.rule,
        "evidence": decision.evidence,
    }


def explain_object(document: Document) -> dict:
    """``--explain --format json``: the source and one record per non-blank input line."""
    return {
        "schema_version": SCHEMA_VERSION,
        "source": document.source,
        "lines": [decision_record(d) for d in document.decisions if d.role != "blank"],
    }


def render_explain_jsonl(document: Document) -> list[str]:
    """``--explain --format jsonl``: one JSON line per non-blank input line, with its source."""
    return [
        json.dumps(
            {"schema_version": SCHEMA_VERSION, "source": document.source, **decision_record(d)},
            ensure_ascii=False,
        )
        + "\n"
        for d in document.decisions
        if d.role != "blank"
    ]


def jsonl_record(document: Document, id: str | None = None) -> dict:
    """A corpus record in the shape datatrove and dolma read: ``id``, ``text``, ``metadata``."""
    metadata = document.to_dict()
    for key in ("source", "body", "paragraphs"):
        metadata.pop(key)
    return {
        "id": id if id is not None else document.source,
        "text": document.text,
        "metadata": metadata,
    }


def render_jsonl(document: Document, id: str | None = None) -> str:
    """One line of JSON (see :func:`jsonl_record`)."""
    return json.dumps(jsonl_record(document, id), ensure_ascii=False) + "\n"


def render_explain(document: Document) -> str:
    """One row per input line: number, decision, role or reason, rule, evidence, text.

    The columns are separated by two spaces and padded, so the output can be
    read in a terminal and still grepped (``grep ' drop '``).
    """
    rows = []
    for d in document.decisions:
        if d.role == "blank":
            continue
        verdict = "keep" if d.keep else "drop"
        what = d.role if d.keep else (d.reason or d.role)
        text = d.text.strip()
        if len(text) > 70:
            text = text[:67] + "..."
        evidence = f"  [{d.evidence}]" if d.evidence else ""
        rows.append(f"{d.line:>5}  {verdict}  {what:<21} {d.rule:<22}{text}{evidence}")
    return "\n".join(rows) + ("\n" if rows else "")
