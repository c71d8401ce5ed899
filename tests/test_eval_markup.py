"""Tests of the NLP evaluation-set markup parser and of the two evaluation files."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval" / "nlp"


def _load_markup() -> ModuleType:
    # eval/ is not a package: import the parser by path.
    name = "eval_nlp_markup"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EVAL_DIR / "markup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


markup = _load_markup()

ALL_LABELS = sorted(markup.LABELS)
VALUED_LABELS = ("DATE", "DURATION", "FREQUENCY", "KPI", "QUANTITY")
LEADING_PREPOSITIONS = ("by ", "on ", "before ", "from ", "until ", "to ", "in ", "for ")
DETERMINERS = ("the", "a", "an", "my", "our")


def _parse(line: str):
    example = markup.parse_line(line)
    assert example is not None
    return example


# --- parser -----------------------------------------------------------------------------


def test_plain_text_and_offsets() -> None:
    example = _parse("I will cut my {{KPI=aht AHT}} by {{DATE=2025-03-31 31/03/2025}}.")
    assert example.text == "I will cut my AHT by 31/03/2025."
    assert example.role is None
    kpi, day = example.spans
    assert (kpi.label, kpi.text, kpi.value) == ("KPI", "AHT", "aht")
    assert example.text[kpi.start : kpi.end] == "AHT"
    assert (day.label, day.value) == ("DATE", "2025-03-31")
    assert example.text[day.start : day.end] == "31/03/2025"


def test_nesting_with_role() -> None:
    line = (
        "<objective> {{OBJECTIVE Reduce my {{KPI=aht AHT}} "
        "{{QUANTITY from 7:30 to 6:00}} by {{DATE=2025-03-31 31/03/2025}}}}"
    )
    example = _parse(line)
    assert example.role == "objective"
    assert example.text == "Reduce my AHT from 7:30 to 6:00 by 31/03/2025"
    labels = [span.label for span in example.spans]
    assert labels == ["OBJECTIVE", "KPI", "QUANTITY", "DATE"]
    objective = example.spans[0]
    assert (objective.start, objective.end) == (0, len(example.text))
    assert objective.value is None
    quantity = example.spans[2]
    assert quantity.text == "from 7:30 to 6:00"
    assert quantity.value is None
    for span in example.spans[1:]:
        assert objective.start <= span.start and span.end <= objective.end


def test_nested_spans_sharing_a_start_are_ordered_outer_first() -> None:
    example = _parse("{{OBJECTIVE {{DURATION=P3M Within three months}} I will be signed off}}.")
    assert [span.label for span in example.spans] == ["OBJECTIVE", "DURATION"]
    assert example.spans[1].text == "Within three months"
    assert example.spans[0].text == "Within three months I will be signed off"


def test_adjacent_closing_braces_close_each_level() -> None:
    example = _parse("{{REVIEW {{DATE=2025-05-12 12/05/25}}: {{OBJECTIVE get {{KPI=fcr FCR}}}}.}}")
    assert example.text == "12/05/25: get FCR."
    assert [(s.label, s.text) for s in example.spans] == [
        ("REVIEW", "12/05/25: get FCR."),
        ("DATE", "12/05/25"),
        ("OBJECTIVE", "get FCR"),
        ("KPI", "FCR"),
    ]


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("{{DATE=2025-07-01/2025-09-30 Q3 2025}}", "DATE", "2025-07-01/2025-09-30"),
        ("{{DATE=? 3/4}}", "DATE", "?"),
        ("{{DURATION=PT2H 2 hours}}", "DURATION", "PT2H"),
        ("{{FREQUENCY=2/P1W twice a week}}", "FREQUENCY", "2/P1W"),
        ("{{FREQUENCY=P4W/P6W every 4-6 weeks}}", "FREQUENCY", "P4W/P6W"),
        ("{{QUANTITY=>=75% at least 75%}}", "QUANTITY", ">=75%"),
        ("{{KPI=abandonment_rate abandon rate}}", "KPI", "abandonment_rate"),
    ],
)
def test_values(line: str, label: str, value: str) -> None:
    (span,) = _parse(line).spans
    assert (span.label, span.value) == (label, value)


def test_every_role_is_accepted() -> None:
    for role in markup.ROLES:
        assert _parse(f"<{role}> some cell").role == role


def test_angle_bracket_later_in_line_is_text() -> None:
    example = _parse("AHT <6 minutes")
    assert example.role is None
    assert example.text == "AHT <6 minutes"


@pytest.mark.parametrize("line", ["", "   ", "\n", "# a comment", "  # indented comment"])
def test_blank_and_comment_lines(line: str) -> None:
    assert markup.parse_line(line) is None


def test_trailing_newline_is_ignored() -> None:
    assert _parse("{{KPI=nps NPS}} is up\n").text == "NPS is up"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{DATE 31/03/2025", "unbalanced"),
        ("31/03/2025}}", "unbalanced"),
        ("{{OBJECTIVE I will {{KPI=aht AHT}}", "unbalanced"),
        ("a { stray brace", "unbalanced"),
        ("{{TIME 10:30}}", "unknown label"),
        ("{{date 31/03/2025}}", "unknown label"),
        ("{{DATE31/03/2025}}", "followed by one space"),
        ("{{DATEx 31/03/2025}}", "unknown label"),
        ("{{ DATE 31/03/2025}}", "expected a label"),
        ("{{DATE  31/03/2025}}", "exactly one space"),
        ("{{DATE=2025-02-30 30/02/2025}}", "DATE value"),
        ("{{DATE=2025-03-31/2025-03-01 March}}", "ends before it starts"),
        ("{{DATE=31/03/2025 31/03/2025}}", "DATE value"),
        ("{{KPI=speed AHT}}", "unknown KPI id"),
        ("{{DURATION=3 months within 3 months}}", "DURATION value"),
        ("{{FREQUENCY=weekly weekly}}", "FREQUENCY value"),
        ("{{OBJECTIVE=x goal}}", "takes no value"),
        ("{{DATE= March}}", "empty value"),
        ("{{KPI }}", "empty"),
        ("{{KPI=aht AHT }}", "whitespace"),
        ("<manager> Sam", "unknown role"),
        ("<objective>  two spaces", "more than one space"),
        ("<objective>", "malformed role prefix"),
    ],
)
def test_errors(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        markup.parse_line(line, line_no=7, source="dev.txt")


def test_error_names_source_and_line() -> None:
    with pytest.raises(ValueError, match=r"^dev\.txt:7: unknown label 'TIME'"):
        markup.parse_line("{{TIME 10:30}}", line_no=7, source="dev.txt")


def test_error_columns_count_from_the_start_of_the_line() -> None:
    with pytest.raises(ValueError, match="unknown label 'FOO' at column 9"):
        markup.parse_line("<skill> {{FOO x}}")


def test_load_reads_reference_date_and_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "set.txt"
    path.write_text(
        "# reference_date: 2025-06-30\n\n{{KPI=fcr FCR}} is up\n# note\n<deadline> none\n",
        encoding="utf-8",
    )
    loaded = markup.load(path)
    assert loaded.reference_date == date(2025, 6, 30)
    assert [(e.line_no, e.role, e.text) for e in loaded.examples] == [
        (3, None, "FCR is up"),
        (5, "deadline", "none"),
    ]


def test_load_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("# reference_date: 2025-06-30\nok line\n{{KPI=aht AHT\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        markup.load(path)
    assert str(error.value).startswith(f"{path}:3: unbalanced braces")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{{KPI=aht AHT}}\n", "missing '# reference_date"),
        ("# reference_date: 30/06/2025\n", "is not YYYY-MM-DD"),
        ("# reference_date: 2025-06-30\n# reference_date: 2025-07-01\n", "second"),
    ],
)
def test_load_reference_date_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "set.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        markup.load(path)


def test_models_are_frozen() -> None:
    example = _parse("{{KPI=aht AHT}}")
    with pytest.raises(AttributeError):
        example.text = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        example.spans[0].start = 3  # type: ignore[misc]


# --- the evaluation files ---------------------------------------------------------------


PARTS = {  # file: reference date; every dev*.txt is development data
    "dev.txt": date(2025, 6, 30),
    "dev-retired-heldout.txt": date(2025, 11, 14),
    "dev-retired-heldout-2.txt": date(2025, 10, 6),
    "heldout.txt": date(2026, 1, 19),
}


@pytest.fixture(scope="module")
def loaded():
    return {name: markup.load(EVAL_DIR / name) for name in PARTS}


@pytest.fixture(scope="module", params=list(PARTS))
def part(request: pytest.FixtureRequest, loaded):
    return loaded[request.param]


def test_files_load_with_their_reference_dates(loaded) -> None:
    assert sorted(p.name for p in EVAL_DIR.glob("*.txt")) == sorted(PARTS)
    for name, reference_date in PARTS.items():
        assert loaded[name].reference_date == reference_date
        assert len(loaded[name].examples) >= 250


def test_every_label_is_well_represented(part) -> None:
    counts = Counter(span.label for example in part.examples for span in example.spans)
    for label in ALL_LABELS:
        assert counts[label] >= 15, (label, counts[label])
    for label in ("DATE", "KPI", "QUANTITY"):
        assert counts[label] >= 60, (label, counts[label])


def test_the_held_back_part_shares_no_text_with_the_development_part(loaded) -> None:
    dev_texts = {
        example.text.strip().lower()
        for name, part in loaded.items()
        if name.startswith("dev")
        for example in part.examples
    }
    # short cells ("n/a", "Knowledge base, product guides") may well recur; sentences may not
    held_back = [e.text for e in loaded["heldout.txt"].examples if len(e.text.split()) > 4]
    assert [text for text in held_back if text.strip().lower() in dev_texts] == []


def test_no_duplicate_examples_within_a_part(part) -> None:
    counts = Counter(example.text for example in part.examples)
    assert [text for text, n in counts.items() if n > 1] == []


def test_every_role_is_used(part) -> None:
    roles = {example.role for example in part.examples}
    assert roles >= set(markup.ROLES) | {None}


def test_valued_labels_carry_values(part) -> None:
    missing = [
        (example.line_no, span.label, span.text)
        for example in part.examples
        for span in example.spans
        if span.label in VALUED_LABELS and span.value is None
    ]
    assert missing == []


def test_span_conventions(part) -> None:
    problems = []
    for example in part.examples:
        for span in example.spans:
            where = (example.line_no, span.label, span.text)
            if span.label == "DATE" and span.text.lower().startswith(LEADING_PREPOSITIONS):
                problems.append(where)
            if span.label == "OBJECTIVE" and span.text[-1] in ".;,":
                problems.append(where)
            if span.label not in ("OBJECTIVE", "REVIEW") and span.text[-1] in ".,;:":
                problems.append(where)
            first_word = span.text.lower().split()[0]
            if span.label in ("ACTIVITY", "RESOURCE", "KPI") and first_word in DETERMINERS:
                problems.append(where)
    assert problems == []


def test_reviews_are_dated(part) -> None:
    undated = []
    for example in part.examples:
        for review in example.spans_with("REVIEW"):
            dates = [
                s
                for s in example.spans_with("DATE")
                if review.start <= s.start and s.end <= review.end
            ]
            if not dates:
                undated.append((example.line_no, review.text))
    assert undated == []


@pytest.mark.parametrize("folder", ["marking", "marking_dev"])
def test_the_marking_sets_are_what_their_generators_write(tmp_path, folder):
    """eval/marking/ (held back) and eval/marking_dev/: committed files match a fresh
    run; every portfolio has all four expected verdicts."""
    import importlib.util
    import shutil

    import yaml

    marking = EVAL_DIR.parent / folder
    copy = tmp_path / "marking"
    shutil.copytree(marking, copy)
    spec = importlib.util.spec_from_file_location("generate_marking", copy / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()
    for folder in ("portfolios", "expectations"):
        fresh = {p.name: p.read_bytes() for p in (copy / folder).iterdir()}
        committed = {p.name: p.read_bytes() for p in (marking / folder).iterdir()}
        assert fresh == committed, folder
    points = {"self-assessment", "smart-objectives", "development-plan", "monitoring"}
    for path in (marking / "expectations").iterdir():
        expected = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(expected["marking_points"]) == points
        assert (marking / "portfolios" / expected["file"]).exists()
