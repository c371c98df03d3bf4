"""The ``newsclean`` command line: the group in :mod:`~newsclean.cli.app`, the shared
helpers in :mod:`~newsclean.cli.common`, and one module per command."""

from newsclean.cli.app import cli, main

__all__ = ["cli", "main"]
