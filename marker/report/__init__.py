"""Report stage: renderers over the stage models; no marking logic lives here."""
