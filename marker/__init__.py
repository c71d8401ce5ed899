"""Evidence marker: marks learner portfolios against examiner marking points."""

from marker._lean_imports import defer_spacy_cli

__version__ = "0.1.0"

defer_spacy_cli()  # marking never uses spaCy's CLI; a third of its import time
