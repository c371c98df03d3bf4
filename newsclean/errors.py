"""The exceptions newsclean raises: small, specific, and each with a remedy."""

from __future__ import annotations

from newsclean.options import DEFAULT_MAX_BYTES


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""

    #: What the user can do about it; shown after the message on the command line.
    hint: str = ""
    #: Stable code of the kind of failure, as the JSON error object gives it (see README).
    code: str = "error"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.hint})" if self.hint else message


class InputError(NewscleanError):
    """The input cannot be cleaned: empty, binary, too large, unreadable."""

    code = "unreadable"


class InputNotFound(InputError):
    code = "not-found"


class InputIsDirectory(InputError):
    code = "directory"


class InputPermission(InputError):
    code = "permission"


class EmptyInput(InputError):
    code = "empty"
    hint = "nothing to clean; check the scraper wrote the file"


class BinaryInput(InputError):
    code = "binary"
    hint = "newsclean reads text and HTML; convert the file to text first"


class InputTooLarge(InputError):
    code = "too-large"
    hint = (
        f"raise the limit with --max-bytes (default {DEFAULT_MAX_BYTES:,}; 0: no limit) "
        "if this is really one page"
    )


class CorruptInput(InputError):
    """Compressed input that does not decompress: corrupt or cut short."""

    code = "corrupt"


class RulesError(NewscleanError):
    """A user rules file could not be read."""

    code = "rules"

    hint = "see 'User rules' in the README for the format"


#: The code of an error newsclean did not expect: a bug.
INTERNAL = "internal"


def error_code(error: BaseException) -> str:
    """The stable code of a failure: the class's ``code``, or ``internal`` for a bug.

    >>> error_code(EmptyInput("input is empty")), error_code(KeyError("x"))
    ('empty', 'internal')
    """
    return error.code if isinstance(error, NewscleanError) else INTERNAL


#: How to report a bug, said after the one-line message of an unexpected exception.
BUG_HINT = (
    "this is a bug in newsclean: please report it with the input; "
    "'newsclean --debug ...' or NEWSCLEAN_DEBUG=1 shows the traceback"
)


def bug_message(error: BaseException) -> str:
    """One line for an unexpected exception: what it was, and that it is a bug to report."""
    detail = " ".join(str(error).split())[:200]
    return f"internal error: {type(error).__name__}{': ' + detail if detail else ''} ({BUG_HINT})"
