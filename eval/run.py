"""`make eval`: how well the engine does against what people decided.

NLP extraction: precision, recall and F1 per label, exact and overlapping, on the
development part (every eval/nlp/dev*.txt) and the held-back part (heldout.txt) of the
labelled set. Tune on the development part only; `--errors` lists its misses and false
alarms and refuses to list the held-back part's.

Marking: agreement with the expected verdicts (percentage, Cohen's kappa, quadratic
weighted kappa) per marking point on every set `eval/fixtures.py` finds; `--errors`
lists disagreements except on held-back sets (eval/marking/, any set named *heldout*).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from dataclasses import astuple, dataclass
from pathlib import Path

from eval.fixtures import eval_sets, print_agreement
from marker.nlp.evidence import MAIN_LABELS, found_spans
from marker.nlp.pipeline import Context, process

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _markup():
    spec = importlib.util.spec_from_file_location("eval_markup", HERE / "nlp" / "markup.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_markup"] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap_gold: int = 0
    overlap_predicted: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def exact_prf(self) -> tuple[float, float, float]:
        p = self.exact / self.predicted if self.predicted else 0.0
        r = self.exact / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)

    def overlap_prf(self) -> tuple[float, float, float]:
        p = self.overlap_predicted / self.predicted if self.predicted else 0.0
        r = self.overlap_gold / self.gold if self.gold else 0.0
        return p, r, self._f1(p, r)


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _show(kind: str, label: str, example, span, note: str = "") -> None:
    text = example.text[span[0] : span[1]]
    print(f"  {kind:5} {label:9} line {example.line_no}: {text!r} {note} | {example.text}")


def _score_label(score: Score, values: Counter, label: str, gold, mine, example, show) -> None:
    score.gold += len(gold)
    score.predicted += len(mine)
    score.exact += len({(g[0], g[1]) for g in gold} & {(m[0], m[1]) for m in mine})
    hit_gold = [g for g in gold if any(_overlaps(g, m) for m in mine)]
    hit_mine = [m for m in mine if any(_overlaps(g, m) for g in gold)]
    score.overlap_gold += len(hit_gold)
    score.overlap_predicted += len(hit_mine)
    if label in ("DATE", "KPI"):  # values: normalised date, canonical KPI id
        for g in hit_gold:
            if g[2] and g[2] != "?":
                got = next(m for m in mine if _overlaps(g, m))[2]
                values[label, "checked"] += 1
                values[label, "right"] += got == g[2]
                if show and got != g[2]:
                    _show("value", label, example, g, f"gold {g[2]} got {got}")
    if show:
        for g in gold:
            if g not in hit_gold:
                _show("miss", label, example, g)
        for m in mine:
            if m not in hit_mine:
                _show("false", label, example, m)


def score_set(eval_set, show_errors: bool = False) -> tuple[dict[str, Score], Counter]:
    scores = {label: Score() for label in MAIN_LABELS}
    values: Counter = Counter()
    examples = eval_set.examples
    contexts = [Context(reference_date=eval_set.reference_date, role=e.role) for e in examples]
    docs = process(zip((e.text for e in examples), contexts, strict=True))
    for example, doc in zip(examples, docs, strict=True):
        predicted = found_spans(doc, MAIN_LABELS)
        for label in MAIN_LABELS:
            gold = [(s.start, s.end, s.value) for s in example.spans if s.label == label]
            mine = [(s.start, s.end, s.value) for s in predicted if s.label == label]
            _score_label(scores[label], values, label, gold, mine, example, show_errors)
    return scores, values


def print_table(name: str, scores: dict[str, Score], values: Counter) -> None:
    print(f"\n{name}")
    print(
        f"{'label':10} {'gold':>5} {'pred':>5}   {'exact P':>7} {'R':>5} {'F1':>5}"
        f"   {'overlap P':>9} {'R':>5} {'F1':>5}"
    )
    for label, score in scores.items():
        ep, er, ef = score.exact_prf()
        op, orr, of = score.overlap_prf()
        print(
            f"{label:10} {score.gold:5d} {score.predicted:5d}   {ep:7.3f} {er:5.3f} {ef:5.3f}"
            f"   {op:9.3f} {orr:5.3f} {of:5.3f}"
        )
    for label in ("DATE", "KPI"):
        checked, right = values[label, "checked"], values[label, "right"]
        if checked:
            print(f"{label} values right: {right}/{checked} ({right / checked:.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list the development part's errors")
    parser.add_argument("--skip-nlp", action="store_true", help="only the marking agreement")
    args = parser.parse_args()
    markup = _markup()
    parts = ["dev", "heldout"] if args.part == "all" else [args.part]
    for part in [] if args.skip_nlp else parts:
        scores = {label: Score() for label in MAIN_LABELS}
        values: Counter = Counter()
        count = 0
        for path in sorted((HERE / "nlp").glob(f"{part}*.txt")):  # one reference date each
            eval_set = markup.load(path)
            if args.errors and part == "dev":
                print(f"\n{path.name}")
            file_scores, file_values = score_set(eval_set, args.errors and part == "dev")
            for label, score in file_scores.items():
                scores[label] = scores[label] + score
            values += file_values
            count += len(eval_set.examples)
        print_table(f"NLP extraction, {part} part ({count} examples)", scores, values)
    for eval_set in eval_sets():  # a held-back set's disagreements are never listed
        print_agreement(eval_set, args.errors)


if __name__ == "__main__":
    main()
