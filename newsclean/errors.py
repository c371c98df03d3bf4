"""The exceptions newsclean raises: small, specific, and each with a remedy."""

from __future__ import annotations

from newsclean.options import DEFAULT_MAX_BYTES


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""

    #: What the user can do about it; shown after the message on the command line.
    hint: str = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.hint})" if self.hint else message


class InputError(NewscleanError):
    """The input cannot be cleaned: empty, binary, too large, unreadable."""


class EmptyInput(InputError):
    hint = "nothing to clean; check the scraper wrote the file"


class BinaryInput(InputError):
    hint = "newsclean reads text and HTML; convert the file to text first"


class InputTooLarge(InputError):
    hint = (f"raise the limit with --max-bytes (default {DEFAULT_MAX_BYTES:,}; 0: no limit) "
            "if this is really one page")


class CorruptInput(InputError):
    """Compressed input that does not decompress: corrupt or cut short."""


class RulesError(NewscleanError):
    """A user rules file could not be read."""

    hint = "see 'User rules' in the README for the format"
