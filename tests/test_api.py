"""The Python API: the README's "Use from Python" section runs as written."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys

import marker
import marker.api
from tests.conftest import ROOT


def test_the_readme_python_section_runs_as_written(monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"## Use from Python\n\n```python\n(.*?)```", readme, re.S)[1]
    test = doctest.DocTestParser().get_doctest(section, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 5


def test_the_api_module_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert doctest.testmod(marker.api).failed == 0


def test_importing_marker_loads_nothing_heavy():
    heavy = "('spacy', 'openpyxl', 'sqlalchemy')"
    code = f"import sys, marker; print(sorted(m for m in {heavy} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=os.environ
    )
    assert result.stdout.strip() == "[]", result.stderr
    assert set(marker.__all__) >= {"check", "parse", "load_pack", "Marking", "PortfolioError"}
