"""A cohort's feedback in one run: each learner's page and commented copy in one folder.

A learner's files are named from their portfolio's path, made safe (letters, digits,
dots, dashes and underscores only, never a folder) and kept apart by a short hash of
the path, so two `same.docx` in two folders never collide and a name can never
climb out of the folder.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from marker.outputs import write_text
from marker.rules.marking import Marking

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM = 60


def feedback_stem(path: str) -> str:
    """The file stem of a learner's feedback, from their portfolio's path."""
    stem = _UNSAFE.sub("_", PurePosixPath(path).with_suffix("").as_posix().replace("/", "__"))
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:8]
    return f"{stem.strip('._')[:MAX_STEM] or 'portfolio'}-{digest}"


def feedback_page(path: str) -> str:
    return f"{feedback_stem(path)}.html"


def write_feedback(records: Iterable[dict], sources: dict[str, Path], folder: Path) -> int:
    """Each marked learner's page and commented copy in `folder`; how many learners."""
    from marker.report.annotate import annotate
    from marker.report.html import render_html

    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for record in records:
        source = sources.get(record.get("path", ""))
        if "error" in record or source is None:
            continue
        marking = Marking.model_validate(record)
        write_text(folder / feedback_page(marking.path), render_html(marking))
        annotate(source, marking, folder / f"{feedback_stem(marking.path)}{source.suffix}")
        written += 1
    return written
