"""Shared helpers: run the ``newsclean`` command (in process, or as the installed
program where a real process matters), check JSON against the published schema, and
the hypothesis profiles.

Hypothesis profiles: ``ci`` is derandomized (the same examples on every run, so CI
is repeatable) and is loaded when the ``CI`` environment variable is set or with
``HYPOTHESIS_PROFILE=ci``; ``dev``, the default, explores new random examples on
each run and replays the failures it has found before. ``HYPOTHESIS_MAX_EXAMPLES``
sets how many examples each property gets (150 by default).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


_EXAMPLES = int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES") or 150)
settings.register_profile(
    "ci",
    derandomize=True,
    print_blob=True,
    deadline=None,
    database=None,
    max_examples=_EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", deadline=None, max_examples=_EXAMPLES, suppress_health_check=[HealthCheck.too_slow]
)
_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _CI else "dev"))


class RowCollector:
    """Stands in for a page-type model: keeps the rows it is asked about, says "article"."""

    def __init__(self) -> None:
        self.rows: list[list[float]] = []

    def predict(self, row: list[float]) -> tuple[str, float]:
        self.rows.append(row)
        return "article", 0.0


def random_pagetype_model(rng, features, rounds: int = 1):
    """A random page-type model over *features*: one tree per type and round."""
    from newsclean.extract.html.pagetype import TYPES, PageTypeModel

    def tree():
        return [
            [rng.randrange(len(features)) for _ in range(3)],
            [rng.random() for _ in range(3)],
            [1, ~0, ~2],
            [2, ~1, ~3],
            [rng.random() for _ in range(4)],
            [0.0] * 3,
        ]

    trees = [[tree() for _ in range(rounds)] for _ in TYPES]
    data = {"features": list(features), "types": list(TYPES), "trees": trees}
    return PageTypeModel(data, features)


def newsclean_command() -> list[str]:
    """The installed ``newsclean`` program (or ``python -m newsclean``), as a user runs it."""
    exe = shutil.which("newsclean", path=os.path.dirname(sys.executable)) or shutil.which(
        "newsclean"
    )
    return [exe] if exe else [sys.executable, "-m", "newsclean"]


class Outcome:
    """What a command did, as :class:`subprocess.CompletedProcess` says it: ``returncode``,
    ``stdout`` (bytes) and ``stderr`` (text)."""

    def __init__(self, args: list[str], returncode: int, stdout: bytes, stderr: str) -> None:
        self.args, self.returncode, self.stdout, self.stderr = args, returncode, stdout, stderr


@pytest.fixture
def run():
    """Run ``newsclean ARGS`` in this process (click's test runner) and return an
    :class:`Outcome`. With *cwd*, the command runs there. Tests that need a real
    process (pipes, signals, a terminal, start-up) use :func:`run_process`."""
    from click.testing import CliRunner

    from newsclean.cli import cli

    def _run(*args, input: bytes | None = None, cwd=None, env=None):
        saved, here = dict(os.environ), os.getcwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            result = CliRunner().invoke(
                cli,
                [str(a) for a in args],
                input=input,
                env={"NO_COLOR": "1", **(env or {})},
                prog_name="newsclean",
            )
        finally:
            os.environ.clear()
            os.environ.update(saved)  # --debug sets NEWSCLEAN_DEBUG: it must not leak
            os.chdir(here)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception  # a bug: the installed program would say it in one line
        return Outcome([str(a) for a in args], result.exit_code, result.stdout_bytes, result.stderr)

    return _run


@pytest.fixture
def run_process():
    """Run the installed ``newsclean ARGS`` as a separate process and return the
    CompletedProcess (bytes stdout, text stderr)."""

    def _run(*args, input: bytes | None = None, cwd=None, env=None):
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
        proc = subprocess.run(
            [*newsclean_command(), *map(str, args)],
            input=input,
            capture_output=True,
            cwd=cwd,
            env=full_env,
            timeout=120,
        )
        proc.stderr = proc.stderr.decode("utf-8", "replace")
        return proc

    return _run


@pytest.fixture(scope="session")
def schema() -> dict:
    """The JSON Schema of newsclean's JSON output, as the package ships it."""
    import json
    from importlib import resources

    return json.loads(
        resources.files("newsclean").joinpath("data/schema.json").read_text(encoding="utf-8")
    )


@pytest.fixture(scope="session")
def validate(schema):
    """``validate(value, kind=None)``: raise unless *value* matches the schema (or its ``$defs/kind``)."""
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)
    whole = Draft202012Validator(schema)

    def _validate(value, kind: str | None = None) -> None:
        if kind is None:
            whole.validate(value)
        else:
            assert kind in schema["$defs"], kind
            Draft202012Validator(
                {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"}
            ).validate(value)

    return _validate


#: Four sentences of a news story, for text dumps built in the tests.
PROSE = [
    "The storm reached the coast on Tuesday night, and the town was left without power for most "
    "of the day while crews worked in the rain.",
    "Officials said that the damage was worse than they had expected, and that the main roads "
    "would stay closed until the end of the week.",
    "Residents were told to stay at home until the water has gone down and the power lines in "
    "their streets are safe again.",
    "The mayor said that the town would ask the government for help with the cost of the repairs "
    "to the harbour and the school.",
]


def clean_rules(lines: list[str]):
    """*lines* cleaned as a text dump by the rules alone (the line model cannot mask them)."""
    import newsclean

    return newsclean.clean("\n".join(lines), input="text", line_model=False)
