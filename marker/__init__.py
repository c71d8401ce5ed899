"""Evidence marker: marks learner portfolios against examiner marking points."""

__version__ = "0.1.0"
