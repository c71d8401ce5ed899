"""Evidence marker: marks learner portfolios against examiner marking points.

    import marker
    marking = marker.check("draft.docx")          # or (name, bytes); pack= id or path
    print(marking.outcome, [p.verdict for p in marking.marking_points])

`import marker` loads nothing heavy: spaCy is imported when the first file is marked.
"""

from marker._lean_imports import defer_spacy_cli

defer_spacy_cli()  # marking never uses spaCy's CLI; a third of its import time

# Bound after `marker.parse` (the stage) is imported, so `marker.parse` is the function.
from marker.api import check, load_pack, parse  # noqa: E402
from marker.parse.errors import PortfolioError  # noqa: E402
from marker.parse.model import Portfolio  # noqa: E402
from marker.rules.loader import LoadedPack, PackError  # noqa: E402
from marker.rules.marking import Marking  # noqa: E402

__version__ = "0.1.0"
__all__ = [
    "LoadedPack",
    "Marking",
    "PackError",
    "Portfolio",
    "PortfolioError",
    "check",
    "load_pack",
    "parse",
]
