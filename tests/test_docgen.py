"""docgen: portfolios written as YAML render to the documents they describe, byte for byte
the same every time, and every writer's mistake is one line naming the file and YAML path."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.text import WD_COLOR_INDEX

from docgen.__main__ import main
from docgen.expectation import Expectation
from docgen.model import Portfolio
from docgen.render import render_source
from docgen.sets import find_sets, shown
from docgen.yamlio import DocgenError, load
from eval.fixtures import EvalSet, eval_sets, print_agreement, quadratic_kappa
from tests.conftest import ROOT

EXAMPLES = ROOT / "docgen" / "examples"

WORD = """\
file: word.docx
author: Priya Shah
title: Personal Development Plan
created: 2025-03-03
reference_date: 2025-11-20
header: "Northfield College"
body:
  - title: "Apprenticeship portfolio"
  - heading: "Personal Development Plan"
  - heading: {text: "1. Self-assessment", level: 2}
  - paragraph: "Plain text of one paragraph."
  - paragraph: {text: "Delete this text and write your goal here.", style: prompt}
  - paragraph:
      runs:
        - {text: "Deadline: ", bold: true}
        - {text: "31/03/2026", italic: true, colour: 808080, highlight: true, underline: true}
  - paragraph: {text: "Strengths", bold: true}
  - paragraph: {text: "A saying", style: quote}
  - paragraph: {text: "Centre note", style: "Centre Note"}
  - bullets: ["first item", "second item"]
  - numbered: ["first step", "second step"]
  - table:
      widths: [4, 8, 3]
      rows:
        - ["Objective", "Actions", "By when?"]
        - ["Cut my AHT to 6:00", "Shadow Jo\\nUse the call guide", "31/03/2026"]
        - [{text: "e.g. Improve my FCR to 80%", style: prompt, shade: d9e2f3}, "", ""]
        - ["Merged across", "", null]
        - ["short row"]
      merge: ["A4:C4"]
  - page_break
  - table: {style: plain, header: false, rows: [["after the break"]]}
"""

EXCEL = """\
file: book.xlsx
author: Sam Lee
reference_date: 2025-11-20
sheets:
  - name: Instructions
    very_hidden: true
    rows: [["Fill in the plan"]]
  - name: Plan
    widths: {A: 30, b: 60}
    merge: ["A1:D1"]
    rows:
      - [{value: "My plan", bold: true, fill: DDEBF7}]
      - []
      - ["Objective", "AHT", "FCR", "Target date", "Done"]
      - ["Cut AHT", {value: 0.006365, format: "mm:ss"}, {value: 0.78, format: "0%"},
         2026-03-31, false]
      - [null, "", 7:30, "=SUM(A1:A3)", No, 12, 4.5,
         {value: "e.g. type here", prompt: true, wrap: true}]
  - name: Notes
    hidden: true
    start: C5
    rows: [["a note", {value: 2026-01-15, format: "d mmmm yyyy"}]]
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def rendered(tmp_path: Path, name: str, text: str) -> bytes:
    return render_source(write(tmp_path, name, text)).content


# -- Word ----------------------------------------------------------------------------------


@pytest.fixture
def word(tmp_path: Path):
    return docx.Document(io.BytesIO(rendered(tmp_path, "word.yaml", WORD)))


def test_word_blocks_have_their_styles_and_text(word) -> None:
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs if p.text]
    assert paragraphs[:4] == [
        ("Title", "Apprenticeship portfolio"),
        ("Heading 1", "Personal Development Plan"),
        ("Heading 2", "1. Self-assessment"),
        ("Normal", "Plain text of one paragraph."),
    ]
    assert ("Prompt Text", "Delete this text and write your goal here.") in paragraphs
    assert ("Quote", "A saying") in paragraphs
    assert ("Centre Note", "Centre note") in paragraphs
    assert [t for s, t in paragraphs if s == "List Bullet"] == ["first item", "second item"]
    assert [t for s, t in paragraphs if s == "List Number"] == ["first step", "second step"]
    assert word.sections[0].header.paragraphs[0].text == "Northfield College"


def test_prompt_text_is_grey_italic(word) -> None:
    style = word.styles["Prompt Text"]
    assert style.font.italic is True
    assert str(style.font.color.rgb) == "808080"
    assert style.base_style.name == "Normal"


def test_runs_keep_their_look(word) -> None:
    deadline = next(p for p in word.paragraphs if p.text.startswith("Deadline"))
    label, date = deadline.runs
    assert (label.text, label.bold, label.italic) == ("Deadline: ", True, None)
    assert (date.text, date.italic, date.underline) == ("31/03/2026", True, True)
    assert str(date.font.color.rgb) == "808080"
    assert date.font.highlight_color == WD_COLOR_INDEX.YELLOW
    strengths = next(p for p in word.paragraphs if p.text == "Strengths")
    assert strengths.style.name == "Normal" and strengths.runs[0].bold


def test_table_header_widths_merges_shading_and_cell_paragraphs(word) -> None:
    table, plain = word.tables
    assert table.style.name == "Table Grid" and plain.style.name != "Table Grid"
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["Objective", "Actions", "By when?"]
    assert all(c.paragraphs[0].runs[0].bold for c in header.cells)
    assert header._tr.trPr.xpath("./w:tblHeader")
    assert [p.text for p in table.cell(1, 1).paragraphs] == ["Shadow Jo", "Use the call guide"]
    assert table.cell(1, 1).paragraphs[0].runs[0].bold is None
    prompt = table.cell(2, 0)
    assert prompt.paragraphs[0].style.name == "Prompt Text"
    assert prompt._tc.tcPr.xpath("./w:shd/@w:fill") == ["D9E2F3"]
    merged = table.rows[3].cells
    assert merged[0]._tc is merged[2]._tc and merged[0].text == "Merged across"
    assert [c.text for c in table.rows[4].cells] == ["short row", "", ""]
    assert [round(c.width.cm, 1) for c in table.columns] == [4.0, 8.0, 3.0]
    assert not plain.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_page_break_sits_between_the_tables(word) -> None:
    body = word.element.body
    breaks = body.xpath('./w:p[w:r/w:br[@w:type="page"]]')
    assert len(breaks) == 1
    tables = body.xpath("./w:tbl")
    assert body.index(tables[0]) < body.index(breaks[0]) < body.index(tables[1])


def test_core_properties_are_fixed(word) -> None:
    props = word.core_properties
    assert (props.author, props.last_modified_by, props.title) == (
        "Priya Shah",
        "Priya Shah",
        "Personal Development Plan",
    )
    assert props.created == dt.datetime(2025, 3, 3, 12, 0, tzinfo=dt.UTC)
    assert props.modified == dt.datetime(2025, 11, 20, 12, 0, tzinfo=dt.UTC)


# -- Excel ---------------------------------------------------------------------------------


@pytest.fixture
def book_bytes(tmp_path: Path) -> bytes:
    return rendered(tmp_path, "book.yaml", EXCEL)


@pytest.fixture
def book(book_bytes: bytes):
    return openpyxl.load_workbook(io.BytesIO(book_bytes))


def test_sheets_in_order_with_their_visibility(book) -> None:
    states = [(sheet.title, sheet.sheet_state) for sheet in book]
    assert states == [("Instructions", "veryHidden"), ("Plan", "visible"), ("Notes", "hidden")]
    assert book.active.title == "Plan"


def test_cells_keep_their_types_and_formats(book) -> None:
    plan = book["Plan"]
    assert plan["A1"].value == "My plan" and plan["A1"].font.b
    assert plan["A1"].fill.fgColor.rgb == "00DDEBF7"
    assert [str(r) for r in plan.merged_cells.ranges] == ["A1:D1"]
    assert plan.column_dimensions["A"].width == 30 and plan.column_dimensions["B"].width == 60
    assert plan["B4"].number_format == "mm:ss" and plan["B4"].value == dt.time(0, 9, 9, 936000)
    assert (plan["C4"].value, plan["C4"].number_format) == (0.78, "0%")
    assert plan["D4"].value == dt.datetime(2026, 3, 31) and plan["D4"].number_format == "dd/mm/yyyy"
    assert plan["E4"].value is False
    assert plan["A5"].value is None and plan["B5"].value is None
    assert plan["F5"].value == 12 and plan["G5"].value == 4.5
    prompt = plan["H5"]
    assert prompt.font.i and prompt.font.color.rgb == "00808080" and prompt.alignment.wrap_text


def test_yaml_1_1_surprises_stay_the_text_written(book) -> None:
    plan = book["Plan"]
    assert plan["C5"].value == "7:30"  # not the sexagesimal 450
    assert plan["E5"].value == "No"  # not false


def test_text_starting_with_equals_is_text_never_a_formula(book, book_bytes: bytes) -> None:
    assert book["Plan"]["D5"].value == "=SUM(A1:A3)"
    assert book["Plan"]["D5"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(book_bytes)) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in package.read(name) for name in sheets)


def test_start_cell_and_custom_date_format(book) -> None:
    notes = book["Notes"]
    assert notes["C5"].value == "a note"
    assert notes["D5"].value == dt.datetime(2026, 1, 15) and notes["D5"].number_format == (
        "d mmmm yyyy"
    )


def test_title_left_out_when_not_given(book) -> None:
    assert book.properties.title is None and book.properties.creator == "Sam Lee"
    assert book.properties.created == dt.datetime(2025, 11, 20, 12, 0)


# -- determinism ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), [("word.yaml", WORD), ("book.yaml", EXCEL)])
def test_rendering_twice_gives_the_same_bytes(tmp_path: Path, name: str, text: str) -> None:
    first = rendered(tmp_path, name, text)
    assert rendered(tmp_path, name, text) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


# -- mistakes ------------------------------------------------------------------------------

BASE = "file: x.docx\nauthor: A\nreference_date: 2025-11-20\n"
DOCX = BASE + "body:\n"
XLSX = BASE.replace(".docx", ".xlsx") + "sheets:\n"
TABLE_TYPO = BASE + textwrap.dedent("""\
    body:
      - heading: "Plan"
      - paragraph: "a"
      - paragraph: "b"
      - table:
          rows:
            - ["Objective", "Actions"]
            - ["Cut AHT", "Shadow Jo"]
            - ["x", {txt: "e.g. Improve", style: prompt}]
""")


def test_a_typo_is_named_with_its_yaml_path(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    path = write(tmp_path / "src", "x.yaml", TABLE_TYPO)
    with pytest.raises(DocgenError) as caught:
        render_source(path, "src/x.yaml")
    assert str(caught.value).startswith("src/x.yaml: body[3].table.rows[2][1]: unknown key 'txt'")
    assert "did you mean 'text'?" in str(caught.value) and "(line 12)" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            DOCX + "  - paragraph: {text: a, stlye: prompt}\n",
            "body[0].paragraph: unknown key 'stlye'",
        ),
        (DOCX + "  - paragraph: a\n    style: prompt\n", "body[0]: a block has exactly one key"),
        (DOCX + "  - pagebreak\n", "body[0]: expected a block"),
        (DOCX + "  - heading: {level: 2}\n", "body[0].heading: missing key 'text'"),
        (
            DOCX + "  - bullets: [a, 2026-03-31]\n",
            "body[0].bullets[1]: expected text, found a date",
        ),
        (DOCX + "  - paragraph: {text: a, colour: grey}\n", "colour: a colour is six hex digits"),
        (DOCX + "  - table: {rows: [[a, b]], merge: [A1:B1]}\n", "cell B1 is under merge A1:B1"),
        (DOCX + "  - table: {rows: [[a]], widths: [3, 4]}\n", "widths has 2 values for 1 columns"),
        (BASE + "sheets: [{name: S, rows: []}]\n", "a .docx portfolio has 'body' and no 'sheets'"),
        (BASE + "author: B\nbody: []\n", "line 4, column 1: the key 'author' is written twice"),
        (BASE.replace("x.docx", "y.docx") + "body: []\n", "must be named after its source: x.docx"),
        (
            XLSX + "  - {name: S, merge: [A1:B2, B2:C3]}\n",
            "sheets[0]: merges A1:B2 and B2:C3 overlap",
        ),
        (XLSX + "  - {name: S, hidden: true}\n", "at least one sheet must be visible"),
        (
            XLSX + "  - {name: S, rows: [[{value: [1]}]]}\n",
            "rows[0][0].value: a cell value is text",
        ),
        (XLSX + "  - {name: S, rows: [[[1, 2]]]}\n", "sheets[0].rows[0][0]: expected a cell: text"),
        ("file: x.docx\nauthor: [A\n", "line 3, column 1: expected ',' or ']'"),
        (DOCX + '  - paragraph: "bell\\x07"\n', "cannot render: "),
        (XLSX + '  - {name: S, rows: [["bell\\x07"]]}\n', "cannot render: "),
    ],
)
def test_each_mistake_is_one_line_naming_file_and_path(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(DocgenError) as caught:
        render_source(write(tmp_path, "x.yaml", text), "x.yaml")
    line = str(caught.value)
    assert line.startswith("x.yaml: ") and "\n" not in line
    assert message in line


EXPECTATION = """\
file: x.docx
summary: "one line"
reference_date: 2025-11-20
marking_points:
  self-assessment:   {verdict: met, why: "a"}
  smart-objectives:  {verdict: partially_met, why: "b"}
  development-plan:  {verdict: not_met, why: "c"}
  monitoring:        {verdict: met, why: "d"}
objectives:
  - text: "Cut AHT"
    kpi: AHT
    smart: {specific: true, measurable: true, achievable: null, relevant: true, time_bound: false}
findings: [plan-not-reviewed]
"""


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('verdict: met, why: "a"', 'verdict: mett, why: "a"', "self-assessment.verdict: Input"),
        ('  monitoring:        {verdict: met, why: "d"}\n', "", "missing key 'monitoring'"),
        ("self-assessment:", "self_assessment:", "did you mean 'self-assessment'?"),
        ("[plan-not-reviewed]", "[plan-not-reviewd]", "findings[0]: Input should be"),
        ("time_bound: false", "timebound: false", "objectives[0].smart: unknown key 'timebound'"),
    ],
)
def test_expectation_mistakes_name_their_path(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in EXPECTATION
    path = write(tmp_path, "x.yaml", EXPECTATION.replace(old, new))
    with pytest.raises(DocgenError, match=r"^x\.yaml: ") as caught:
        load(Expectation, path, "x.yaml")
    assert message in str(caught.value)


def test_a_sound_expectation_loads(tmp_path: Path) -> None:
    expectation = load(Expectation, write(tmp_path, "x.yaml", EXPECTATION))
    assert expectation.marking_points.verdicts()["development-plan"] == "not_met"
    assert expectation.objectives[0].smart.achievable is None


def test_every_committed_expectation_fits_the_model() -> None:
    folders = [ROOT / "fixtures" / "expectations", *ROOT.glob("eval/*/expectations")]
    files = [path for folder in folders for path in sorted(folder.glob("*.yaml"))]
    assert len(files) >= 40
    for path in files:
        load(Expectation, path)


# -- the command ---------------------------------------------------------------------------


def test_render_goes_on_past_a_bad_file(tmp_path: Path, capsys) -> None:
    src = tmp_path / "src"
    src.mkdir()
    write(src, "x.yaml", TABLE_TYPO)
    write(src, "word.yaml", WORD)
    write(src, "book.yaml", EXCEL)
    assert main(["render", str(src), "-o", str(tmp_path / "out")]) == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["book.xlsx", "word.docx"]
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 1 and "x.yaml: body[3].table.rows[2][1]: unknown key 'txt'" in errors[0]
    assert main(["render", str(src / "word.yaml"), "-o", str(tmp_path / "out")]) == 0


def make_set(root: Path, name: str) -> Path:
    """A set holding one sound portfolio, its expectation and its render."""
    set_dir = root / name
    for folder in ("src", "expectations"):
        (set_dir / folder).mkdir(parents=True)
    write(set_dir / "src", "word.yaml", WORD)
    expectation = EXPECTATION.replace("x.docx", "word.docx").replace("Cut AHT", "Cut my AHT")
    write(set_dir / "expectations", "word.yaml", expectation)
    assert main(["corpus", "--root", str(root)]) == 0
    return set_dir


def test_check_passes_a_sound_set_and_names_each_problem(tmp_path: Path, capsys) -> None:
    set_dir = make_set(tmp_path, "demo")
    assert main(["check", str(set_dir)]) == 0
    expectation = set_dir / "expectations" / "word.yaml"
    text = expectation.read_text().replace("Cut my AHT", "Cut my ATH")
    expectation.write_text(text.replace("2025-11-20", "2025-11-21"))
    write(set_dir / "src", "book.yaml", EXCEL)
    (set_dir / "portfolios" / "word.docx").write_bytes(b"edited")
    (set_dir / "portfolios" / "old.docx").write_bytes(b"old")
    capsys.readouterr()
    assert main(["check", str(set_dir)]) == 1
    out = capsys.readouterr().out
    for problem in (
        "src/book.yaml: no expectations/book.yaml",
        "expectations/word.yaml: reference_date: 2025-11-21, but src/word.yaml has 2025-11-20",
        "expectations/word.yaml: objectives[0].text: not in the portfolio's text: 'Cut my ATH'",
        "portfolios/book.xlsx: missing",
        "portfolios/word.docx: differs from a fresh render of",
        "portfolios/old.docx: no source renders it",
    ):
        assert problem in out
    assert main(["corpus", "--root", str(tmp_path)]) == 0
    assert not (set_dir / "portfolios" / "old.docx").exists()


def test_an_objective_only_in_prompt_text_is_refused(tmp_path: Path, capsys) -> None:
    set_dir = make_set(tmp_path, "demo")
    expectation = set_dir / "expectations" / "word.yaml"
    expectation.write_text(expectation.read_text().replace("Cut my AHT", "Improve my FCR to 80%"))
    assert main(["check", str(set_dir)]) == 1
    assert "only in template prompt text: 'Improve my FCR to 80%'" in capsys.readouterr().out


def test_python_m_docgen_runs_from_the_repository_root() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "check", "docgen/examples"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("docgen/examples: ok")


SETS = [*find_sets(), EXAMPLES]


@pytest.mark.parametrize("set_dir", SETS, ids=[shown(s) for s in SETS])
def test_every_set_written_as_data_passes_check(set_dir: Path) -> None:
    assert main(["check", str(set_dir)]) == 0


def test_the_examples_cover_both_formats() -> None:
    files = [load(Portfolio, path).file for path in sorted((EXAMPLES / "src").glob("*.yaml"))]
    assert {name.rsplit(".", 1)[1] for name in files} == {"docx", "xlsx"}


# -- make eval -----------------------------------------------------------------------------


def test_eval_finds_sets_written_as_data_and_holds_back_heldout(tmp_path: Path) -> None:
    make_set(tmp_path, "corpus_dev")
    make_set(tmp_path, "corpus_heldout")
    (tmp_path / "no_src" / "expectations").mkdir(parents=True)
    found = {s.src.parent.name: s for s in eval_sets(tmp_path) if s.src}
    assert sorted(found) == ["corpus_dev", "corpus_heldout"]
    assert not found["corpus_dev"].held_back and found["corpus_heldout"].held_back


@pytest.mark.parametrize(("name", "listed"), [("corpus_dev", True), ("corpus_heldout", False)])
def test_held_back_disagreements_are_never_listed(
    tmp_path: Path, capsys, name: str, listed: bool
) -> None:
    set_dir = make_set(tmp_path, name)
    expectation = set_dir / "expectations" / "word.yaml"
    wrong = expectation.read_text().replace("verdict: not_met", "verdict: met")
    expectation.write_text(wrong.replace("verdict: partially_met", "verdict: not_met"))
    (eval_set,) = [s for s in eval_sets(tmp_path) if s.src]
    capsys.readouterr()
    print_agreement(eval_set, show=True)
    out = capsys.readouterr().out
    assert "QWK" in out and "all" in out
    assert ("word.docx" in out) is listed


def test_eval_marks_a_fresh_render_of_src(tmp_path: Path) -> None:
    set_dir = make_set(tmp_path, "demo")
    (set_dir / "portfolios" / "word.docx").unlink()
    folders = (set_dir / "portfolios", set_dir / "expectations")
    eval_set = EvalSet("demo", *folders, src=set_dir / "src")
    with eval_set.documents() as folder:
        assert [p.name for p in folder.iterdir()] == ["word.docx"]


def test_quadratic_kappa_matches_scikit_learn() -> None:
    from sklearn.metrics import cohen_kappa_score

    pairs = [
        ("met", "met"),
        ("met", "partially_met"),
        ("not_met", "met"),
        ("partially_met", "partially_met"),
        ("not_met", "not_met"),
    ]
    levels = {"not_met": 0, "partially_met": 1, "met": 2}
    want = cohen_kappa_score(
        [levels[a] for a, _ in pairs], [levels[b] for _, b in pairs], weights="quadratic"
    )
    assert quadratic_kappa(pairs) == pytest.approx(want)
    assert quadratic_kappa([("met", "met")] * 3) is None
