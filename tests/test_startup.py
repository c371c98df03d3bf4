"""Start-up stays light: heavy modules load only when an input needs them.

Speed itself is measured in BENCHMARKS.md ("Start-up"); these tests check what is
imported, which is deterministic.
"""

from __future__ import annotations

import json
import subprocess
import sys

#: Loaded only when a page needs them (or a command other than clean shows something).
HEAVY = ("ftfy", "chardet", "rich", "selectolax", "wcwidth", "tempfile", "importlib.resources",
         "newsclean.boilerplate", "newsclean.html_blocks", "newsclean.recode", "newsclean.plausibility",
         "newsclean.sources", "fastwarc", "warcio")


def _loaded(code: str) -> dict:
    """Run *code* in a fresh interpreter; return the heavy modules it imported and the model state."""
    script = (f"import sys, json\n{code}\n"
              "model = sys.modules.get('newsclean.plausibility')\n"
              "print(json.dumps({'modules': [m for m in " + repr(HEAVY) + " if m in sys.modules],\n"
              "                  'model_loaded': bool(model and model._data.cache_info().currsize)}))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_importing_the_command_line_imports_nothing_heavy():
    assert _loaded("import newsclean.cli")["modules"] == []


def test_a_clean_page_loads_neither_the_repair_model_nor_ftfy():
    page = ("Storm closes schools\n\n" + "Schools across the region were closed on Monday after the storm "
            "brought down power lines, officials said in a statement \u2014 \u201cwe are safe\u201d.\n" * 3)
    loaded = _loaded(f"from newsclean.pipeline import clean\ndoc = clean({page!r}.encode('utf-8'))\n"
                     "assert doc.body.startswith('Schools across')")
    assert loaded["model_loaded"] is False
    assert not {"ftfy", "chardet", "rich", "selectolax", "wcwidth"} & set(loaded["modules"])


def test_a_page_with_mojibake_loads_the_model():
    page = "Caf\u00c3\u00a9 owners said the caf\u00c3\u00a9\u00e2\u20ac\u2122s prices would rise next month.\n"
    loaded = _loaded(f"from newsclean.repair import repair\nassert repair({page!r}).repairs")
    assert loaded["model_loaded"] is True and "ftfy" in loaded["modules"]


def test_the_clean_command_on_a_text_file_loads_no_archive_reader(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Storm closes schools\n\n" + "Schools across the region were closed on Monday after "
                    "the storm brought down power lines, officials said in a statement.\n" * 3)
    out = tmp_path / "out.txt"
    loaded = _loaded("from newsclean.cli import main\n"
                     f"sys.argv = ['newsclean', 'clean', {str(page)!r}, '-o', {str(out)!r}]\n"
                     "try:\n    main()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code")
    assert out.read_text().startswith("Storm closes schools\n\nSchools across")
    assert not {"newsclean.sources", "fastwarc", "warcio", "ftfy", "rich"} & set(loaded["modules"])
