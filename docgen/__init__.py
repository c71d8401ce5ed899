"""docgen: the one document kit. Portfolios written as YAML data (docgen/FORMAT.md) are
validated strictly and rendered to deterministic .docx (python-docx) and .xlsx (openpyxl).

- `yamlio`, `strict`: strict YAML reading; every mistake is one line naming file and path.
- `model`, `expectation`: the portfolio and expectation files as pydantic models.
- `wordml`, `workbook`, `package`, `render`: building the documents and saving them
  byte for byte the same every time.
- `sets`: eval/<set>/{src,expectations,portfolios}/: render, check, build.
"""
