"""Shared helpers: run the installed ``newsclean`` command as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def _command() -> list[str]:
    exe = shutil.which("newsclean", path=os.path.dirname(sys.executable)) or shutil.which("newsclean")
    return [exe] if exe else [sys.executable, "-m", "newsclean"]


@pytest.fixture
def run():
    """Run ``newsclean ARGS`` and return the CompletedProcess (bytes stdout, text stderr)."""

    def _run(*args, input: bytes | None = None, cwd=None, env=None):
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
        proc = subprocess.run([*_command(), *map(str, args)], input=input, capture_output=True,
                              cwd=cwd, env=full_env, timeout=120)
        proc.stderr = proc.stderr.decode("utf-8", "replace")
        return proc

    return _run
