"""A warning about a cleaned document: a stable code and a sentence for people."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a reader of the result should know.

    ``code`` is stable (scripts test it; the README lists them), ``message`` says it
    in words.
    """

    code: str
    message: str

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}
