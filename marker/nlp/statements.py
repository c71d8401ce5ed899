"""Objectives and review entries: statements built from the spans found inside them.

An objective is a goal the learner sets themselves ("I will...", "Objective 2: ...",
"To reduce ...", or a plan row's objective cell); its value links the KPI, baseline,
target, deadline and action verb found in the same sentence. A review entry is dated
and talks about progress; its value says when, with whom, what progressed and whether
the plan was adjusted, and why.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from marker.nlp.dates import MONTHS
from marker.nlp.scan import lowered
from marker.nlp.spans import (
    Mark,
    lemmas_of,
    noted,
    sentences,
    spans_of,
    text_of,
    token_bounds,
)
from marker.resources import lexicon

_LEADER = re.compile(r"^\s*(?:[•◦▪●○■□➢➤✓✔\-*–]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")
# "2.1 Reduce my AHT": an item numbered under a numbered heading (unless "12.05" is a date)
_ITEM_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?\s+(?=[A-Z])")
_TRAILING = ".;:!,"
_EMPTY_CELL = {"", "n/a", "na", "-", "–", "none", "tbc", "tbd", "?"}
_HEADED = 3  # a date this near the start heads a note: "06/10/25, Hollie (TL): ..."
_OPENING = 15  # a date this near a sentence's start opens an entry: "Friday 9 May 2025. ..."
_NOT_AN_OBJECT = {"is", "was", "has", "had", "are", "were", "time", "times", "'s", "rate", "level"}


_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)\b"
# A cue may follow a short lead-in ("As a team leader, I will ...", "By March I want to").
_LEAD_IN_CHARS = 60
_CLAUSE_END = re.compile(r"[.;:!?]")
# A date or timescale this near the start may lead an order: "By 31/12/2025, reduce ...".
_TIME_LEAD_CHARS = 12


def _cue_pattern(cue: str, nouns: set[str]) -> str:
    """A cue phrase allowing a word between its words ("I also want to"), up to two
    before a goal noun ("my long-term career goal is"), the plural of a goal noun ("one
    of my goals is") and a short qualifier after it ("my goal for FY25/26 is to")."""
    words = cue.split()
    pattern = re.escape(words[0])
    for previous, word in itertools.pairwise(words):
        if previous in nouns:
            gap = r"(?:[^\s\"“”]+\s+){0,5}"  # not across a quotation: my objective "..." is
        elif word in nouns:  # "my long-term career goal", "the objective"
            gap = r"(?:[\w-]+\s+){0,2}" if previous == "my" else ""
        else:
            gap = r"(?:\w+\s+)?"
        plural = "s?" if word in nouns else ""
        pattern += rf"\s+{gap}{re.escape(word)}{plural}"
    return pattern


def _alternation(phrases: list[str], nouns: set[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(_cue_pattern(p, nouns) for p in ordered)


@cache
def _objective_language() -> dict[str, Any]:
    data = lexicon("objectives")
    nouns = set(data["goal_nouns"])
    goal_noun = rf"(?:{'|'.join(sorted(nouns))})s?"
    labels = "|".join(re.escape(x) for x in sorted(data["labels"], key=len, reverse=True))
    qualifiers = "|".join(re.escape(x) for x in data["label_qualifiers"])
    label = re.compile(
        rf"^(?:(?:{qualifiers})\s+){{0,2}}(?:{labels})s?\s*(?:(?:#|no\.?)\s*)?"
        rf"(?:\d+|{_NUMBER_WORDS}|[a-z])?"
        rf"(?:\s*[.\-–)]|(?:\s+[^:.]{{1,25}})?\s*:)\s*",  # "Goal for Q3:", "Target I've set:"
        re.IGNORECASE,
    )
    # both run on the lower-cased text (see `_cue`): case-insensitive matching is slower
    cues = [c.lower() for c in data["cues"]]
    verb_cues = [c.lower() for c in data["verb_cues"]]
    cue = re.compile(
        rf"(?:(?P<cue>{_alternation(cues, nouns)})|(?P<verb_cue>{_alternation(verb_cues, nouns)}))"
        r"\b\s*"
    )
    # the cue pattern is tried only where a cue's first word stands ("i", "my", ...)
    first_words = {c.split()[0] for c in cues + verb_cues}
    cue_starts = re.compile(rf"\b(?:{'|'.join(map(re.escape, first_words))})\b")
    leads = "|".join(re.escape(x) for x in data["infinitive_leads"])
    infinitive = re.compile(rf"^(?:(?:{leads})\s+)?to\s+", re.IGNORECASE)
    rewording = "|".join(re.escape(x) for x in data["rewording"])
    inline_label = re.compile(
        rf"\b(?:(?:new\s+|added\s+a\s+new\s+|revised\s+)?{goal_noun}\b[^:]{{0,25}}"
        rf"|(?:{rewording})\s*):\s*",
        re.IGNORECASE,
    )
    past = "|".join(re.escape(x) for x in data["past_markers"])
    others = "|".join(re.escape(x) for x in data["others_targets"])
    verbs = {
        verb: None if direction == "other" else direction
        for direction, vs in data["actions"].items()
        for verb in vs
    }
    not_goals = tuple(sorted(data["not_goals"], key=len, reverse=True))
    return {
        "doing": (frozenset(verbs) | frozenset(data["concrete_actions"]))
        - frozenset(data["not_concrete"]),
        "not_objects": frozenset(data["not_objects"]),
        "not_concrete": frozenset(data["not_concrete"]),
        "particles": frozenset(data["particles"]),
        "label": label,
        "cue": cue,
        "cue_starts": cue_starts,
        "infinitive": infinitive,
        "inline_label": inline_label,
        "verbs": verbs,
        "not_goals": not_goals,
        "means_leads": tuple(sorted(data["means_leads"], key=len, reverse=True)),
        # "... is my second objective", "... is the goal", "... is objective 5"
        "goal_after": re.compile(
            rf"\bis\s+(?:(?:also\s+)?(?:my|the|one\s+of\s+my)\s+(?:[\w-]+\s+){{0,2}}?"
            rf"{goal_noun}\b|{goal_noun}\s+\d)",
            re.IGNORECASE,
        ),
        "not_a_target": re.compile(rf"(?<![\w'])(?:{past}|{others})(?![\w'])", re.IGNORECASE),
    }


def action_direction(verb: str | None) -> str | None:
    if verb is None:
        return None
    return _objective_language()["verbs"].get(verb)


def _trim(doc: Doc, start: int, end: int, keep_stop: bool = False) -> tuple[int, int]:
    """Character bounds without surrounding blanks, a bullet or (unless kept) a final
    full stop: an objective is the statement, a review entry the whole entry as written."""
    text = text_of(doc)
    while start < end and text[start].isspace():
        start += 1
    leader = _LEADER.match(text[start:end])
    if leader:
        start += leader.end()
    trailing = "" if keep_stop else _TRAILING
    while end > start and (text[end - 1].isspace() or text[end - 1] in trailing):
        end -= 1
    return start, end


def _first_action(doc: Doc, start: int, end: int) -> str | None:
    """The goal's first verb that moves a metric ("use the KB to reduce AHT" is about
    reducing; "understand the role" names no action)."""
    verbs = _objective_language()["verbs"]
    tokens = token_bounds(doc, start, end)
    if tokens is None:
        return None
    strings = doc.vocab.strings
    lemmas = (strings[lemma].lower() for lemma in lemmas_of(doc)[slice(*tokens)])
    return next((lemma for lemma in lemmas if verbs.get(lemma)), None)


_DETERMINERS = frozenset(
    ("my", "the", "a", "an", "our", "this", "these", "those", "his", "her", "their", "all")
)
_OBJECT_REACH = 4  # tokens from the verb to its object's first word


def _names_an_object(token: Token, language: dict[str, Any], measures: dict[int, int]) -> bool:
    """A content word, a number or a measure: not a state or manner ("get fitter")."""
    if token.i in measures or token.like_num:
        return True
    lower = token.lower_
    comparative = lower.endswith("er") and token.lemma_.lower() != lower
    return (
        token.is_alpha
        and not token.is_stop
        and lower not in language["not_objects"]
        and not comparative
        and not lower.endswith("ly")
    )


def _cued_verb(doc: Doc, start: int, end: int, first: int) -> int | None:
    """The token a goal cue puts a verb at ("I will restock ...", "I aim to map ..."):
    whatever the word, grammar makes it the goal's verb."""
    language = _objective_language()
    cue = _cue(language, text_of(doc)[start:end])
    if cue is None or cue["cue"] is None:
        return None
    bounds = token_bounds(doc, start + cue.end(), start + cue.end() + 1)
    if bounds is None or bounds[0] < first:
        return None
    token = doc[bounds[0]]
    lemma = token.lemma_.lower()
    usable = token.is_alpha and not token.is_stop and lemma not in language["not_concrete"]
    return token.i if usable else None


def concrete_action(doc: Doc, start: int, end: int) -> str | None:
    """The first verb acting on a named object, with it: "complete the complaints module",
    "run 5km", "sit with a senior adviser". Read without a parser: a known verb or the
    word a goal cue puts a verb at, at most one particle and a determiner, then a content
    word, a number or a measure."""
    language = _objective_language()
    tokens = token_bounds(doc, start, end)
    if tokens is None:
        return None
    first, last = tokens
    cued = _cued_verb(doc, start, end, first)
    measure_end = {  # token -> the end of the measure it is in
        i: span.end
        for label in ("QUANTITY", "AMOUNT", "KPI")
        for span in spans_of(doc, label)
        if first <= span.start < last
        for i in range(span.start, span.end)
    }
    timed = {
        i
        for label in ("DATE", "DURATION", "FREQUENCY")
        for span in spans_of(doc, label)
        if first <= span.start < last
        for i in range(span.start, span.end)
    }
    for token in doc[first:last]:
        known = token.lemma_.lower() in language["doing"] or token.lower_ in language["doing"]
        if not known and token.i != cued:
            continue
        if token.i > first and doc[token.i - 1].lower_ in _DETERMINERS:
            continue  # "a pay rise", "the run": a noun
        reach = doc[token.i + 1 : min(token.i + 1 + _OBJECT_REACH, last)]
        position = 0
        if position < len(reach) and reach[position].lower_ in language["particles"]:
            position += 1
        while position < len(reach) and reach[position].lower_ in _DETERMINERS:
            position += 1
        if position < len(reach) and _names_an_object(reach[position], language, measure_end):
            end_token = _object_end(doc, reach[position].i, last, measure_end, timed)
            return text_of(doc)[token.idx : doc[end_token - 1].idx + len(doc[end_token - 1])]
    return None


_NOUN_RUN = 3  # words of a compound object: "the driving theory test"


def _object_end(doc: Doc, i: int, last: int, measure_end: dict[int, int], timed: set[int]) -> int:
    """Where an object starting at token i ends: the end of its measure ("5km", "£200"),
    or of the run of content words it opens ("complaints module"), before any time."""
    if i in measure_end:
        return measure_end[i]
    end = i + 1
    while end < min(last, i + 1 + _NOUN_RUN) and end not in timed:
        if not doc[end].is_alpha or doc[end].is_stop:
            break
        end += 1
    return end


def _action_at(doc: Doc, start: int, gerund: bool = False) -> str | None:
    """The action verb at `start` in its base form ("Reduce", "to raise") or, when
    `gerund`, its -ing form ("Reducing my AHT to 6 minutes ...")."""
    verbs = _objective_language()["verbs"]
    word = text_of(doc)[start : start + 24].split(" ", 1)[0].lower()
    if word not in verbs and not (gerund and word.endswith("ing")):
        return None  # cheap test first: most sentences start with no verb at all
    tokens = token_bounds(doc, start, start + 1)
    if tokens is None or tokens[0] >= tokens[1]:
        return None
    token = doc[tokens[0]]
    # "lower" is its own verb, though the lookup table gives the adjective's lemma "low"
    lemma = token.lower_ if token.lower_ in verbs else token.lemma_.lower()
    following = token.nbor().lower_ if token.i + 1 < len(doc) else ""
    if lemma not in verbs or following in _NOT_AN_OBJECT:
        return None  # "Hold time is at 52 secs": a noun, not an order
    if token.lower_ == lemma:
        return lemma
    # an -ing form opens a goal only for a verb that moves a metric ("Reducing AHT to 6:00
    # by May"): "Training budget of £250" is a noun, "Having ..." a participle clause
    moves = verbs[lemma] is not None and lemma != "have"
    return lemma if gerund and moves and token.lower_.endswith("ing") else None


def _has(doc: Doc, start: int, end: int, *labels: str) -> bool:
    for label in labels:  # one label at a time: each is a ready list
        for span in spans_of(doc, label):
            if span.start_char >= start and span.end_char <= end:
                return True
    return False


def _has_measure(doc: Doc, start: int, end: int) -> bool:
    return _has(doc, start, end, "KPI", "QUANTITY", "DATE", "DURATION")


def _cue(language: dict[str, Any], text: str) -> re.Match[str] | None:
    """A goal cue at the start or after a short lead-in ("As a team leader, I will"):
    tried only where a cue's first word begins, within the lead-in's reach."""
    clause_end = _CLAUSE_END.search(text, 0, _LEAD_IN_CHARS + 1)
    reach = clause_end.start() if clause_end else _LEAD_IN_CHARS + 1
    text = lowered(text)  # same length: offsets stay valid
    for word in language["cue_starts"].finditer(text, 0, reach):
        cue = language["cue"].match(text, word.start())
        if cue:
            return cue
    return None


def _order_after_time(doc: Doc, start: int, end: int) -> bool:
    """An order after an opening date or timescale: "By 31/12/2025, reduce my AHT to 6:30"."""
    for span in spans_of(doc, "DATE", "DURATION"):
        if start <= span.start_char <= start + _TIME_LEAD_CHARS:
            rest = text_of(doc)[span.end_char : end]
            verb_at = span.end_char + len(rest) - len(rest.lstrip(" ,"))
            return _action_at(doc, verb_at) is not None and _has_measure(doc, verb_at, end)
    return False


def _is_order(doc: Doc, start: int, end: int) -> bool:
    """ "Reduce ACW to 60 seconds", "Reducing AHT to 6:00 by May", "By March, raise ..."."""
    if _action_at(doc, start) and _has_measure(doc, start, end):
        return True
    if _action_at(doc, start, gerund=True) and _has(doc, start, end, "QUANTITY", "DATE"):
        return True
    return _order_after_time(doc, start, end)


_TIMESCALE = re.compile(r"(?:within|in|over|during|for)\b", re.IGNORECASE)  # not "3 months"
_PAST_TENSE = re.compile(r"\b(?:i|we)\s+(?:\w+ly\s+)?\w+ed\b", re.IGNORECASE)  # "we lowered"
# "my AHT should be 6:45 or under", "my EPA needs to be passed by June"
_MY_MODAL = re.compile(
    r"\bmy(?:\s+[\w/.-]+){1,8}?\s+(?:will|should|must|needs?\s+to|has\s+to)\b", re.IGNORECASE
)


def _has_deadline(doc: Doc, start: int, end: int, timescale: bool = True) -> bool:
    """A date the sentence is due by ("by 9th Feb", "deadline 16/01/26") or a timescale."""
    text = text_of(doc)
    for span in _inside(spans_of(doc, "DATE"), start, end):
        before = text[max(start, span.start_char - 20) : span.start_char]
        if "past" not in span.flags and _DEADLINE_CUE.search(before):
            return True
    return timescale and any(
        _TIMESCALE.match(span.text) for span in _inside(spans_of(doc, "DURATION"), start, end)
    )


def _states_a_target(doc: Doc, start: int, end: int, text: str) -> bool:
    """A target stated without a goal cue: "FCR target: 79% by 9th Feb", "By 6/2/2026 my
    AHT should be 6:45 or under", "An 8/10 QA score is my target for January"; not one
    in the past or someone else's ("the centre's target is 80%")."""
    lower = text.lower()
    language = _objective_language()
    goal_after = " is " in lower and language["goal_after"].search(text)
    metric = _has(doc, start, end, "KPI") and _has(doc, start, end, "QUANTITY")
    modal = "my " in lower and _MY_MODAL.search(text)
    if not (goal_after or metric or modal):
        return False  # most sentences: checked without the costlier patterns below
    if language["not_a_target"].search(text) or _PAST_TENSE.search(text):
        return False
    if goal_after:
        return True
    if modal:  # "my TL will check in two weeks" sets me no target
        return metric or _has_deadline(doc, start, end, timescale=False)
    return metric and _has_deadline(doc, start, end)


def goal_start(doc: Doc, start: int, end: int, in_prose: bool = True) -> int | None:
    """Where a goal statement starts in this sentence, or None when it states no goal.

    Goals are labelled ("Objective 2: ..."), cued in the first person ("I will",
    "my objective is to"), infinitive ("To reduce ..."), or an order with a measure
    ("Reduce ACW to 60 seconds", "By March, raise ...", "Reducing AHT to 6:00 by May");
    or a target stated without a cue ("FCR target: 79% by 9th Feb"); plans to send forms
    or be on holiday are not goals. Outside prose (a plan's activity, resources or
    success-measure cell) orders are actions and targets are measures: only cued goals count.
    """
    language = _objective_language()
    text = text_of(doc)[start:end]
    if text.lower().startswith(language["means_leads"]):
        return None
    labelled = language["label"].match(text)
    if labelled:
        return start if len(text[labelled.end() :].split()) >= 2 else None
    cue = _cue(language, text)
    if cue:
        rest = text[cue.end() :].lower()
        if rest.startswith(language["not_goals"]):
            return None
        if cue["verb_cue"] is None:
            return start
        after = start + cue.end()
        measure_next = any(s.start_char == after for s in spans_of(doc, "KPI", "QUANTITY"))
        return start if measure_next or _action_at(doc, after) else None
    infinitive = language["infinitive"].match(text)
    if infinitive:  # "To reduce ...", "To be able to ...", "To become ..."
        rest = text[infinitive.end() :].lower()
        if rest.startswith(language["not_goals"]):
            return None  # "To do that I need ...": a means, not a goal
        to_be = rest.startswith("be ")
        return start if to_be or _action_at(doc, start + infinitive.end()) else None
    if in_prose and _is_order(doc, start, end):
        return start
    inline = ":" in text and language["inline_label"].search(text)
    if inline:  # "New objective agreed: to reach 95% on QA by September"
        after = start + inline.end()
        rest = language["infinitive"].match(text_of(doc)[after:end])
        verb_at = after + rest.end() if rest else after
        if _action_at(doc, verb_at):
            return after
    if in_prose and _states_a_target(doc, start, end, text):
        return start
    return None


def find_objectives(
    doc: Doc, role: str | None, reviews: list[tuple[int, int]] = ()
) -> list[tuple[int, int, dict]]:
    """(start, end, value) for each objective statement in the text.

    Inside a review entry only a goal introduced as one ("New objective agreed: ...")
    counts: "I will meet Chris every month" there is a note, not a work objective.
    """
    if role == "objective":
        start, end = _trim(doc, 0, len(text_of(doc)))
        cell = text_of(doc)[start:end].strip().lower()
        if cell in _EMPTY_CELL or cell.startswith(("see ", "as above", "same as", "n/a")):
            return []
        return [(start, end, objective_value(doc, start, end))]
    found = []
    text = text_of(doc)
    for *_, s_start, s_end in sentences(doc):
        start, end = _trim(doc, s_start, s_end)
        if end - start <= 3 or text[s_start:s_end].rstrip().endswith(":"):
            continue  # "I am also going to:" introduces a list
        number = _ITEM_NUMBER.match(text, start, end)
        if number and not any(d.start_char == start for d in spans_of(doc, "DATE")):
            start = number.end()
        goal = goal_start(doc, start, end, in_prose=role is None)
        in_review = any(r_start <= start and end <= r_end for r_start, r_end in reviews)
        if goal is not None and (not in_review or goal > start):
            found.append((goal, end, objective_value(doc, goal, end)))
    return found


def _inside(spans: list[Mark], start: int, end: int) -> list[Mark]:
    return [s for s in spans if s.start_char >= start and s.end_char <= end]


def objective_value(doc: Doc, start: int, end: int) -> dict[str, Any]:
    """Link the KPI, baseline, target, deadline and action of one objective."""
    spans = _inside(spans_of(doc), start, end)
    by_label: dict[str, list[Mark]] = {}
    for span in spans:
        by_label.setdefault(span.label_, []).append(span)
    action = _first_action(doc, start, end)
    baseline, target = link_quantities(by_label.get("QUANTITY", []))
    deadline = pick_deadline(doc, by_label.get("DATE", []))
    return {
        "kpis": sorted({s.value for s in by_label.get("KPI", [])}),
        "action": action,
        "direction": action_direction(action),
        "baseline": baseline,
        "target": target,
        "deadline": deadline,
        "timescale": next((s.value for s in by_label.get("DURATION", []) if is_period(s)), None),
        "concrete": concrete_action(doc, start, end),
        "amounts": [
            s.text
            for s in spans
            if s.label_ in ("AMOUNT", "FREQUENCY") or (s.label_ == "DURATION" and not is_period(s))
        ],
        "counts": [s.text for s in by_label.get("AMOUNT", [])],
        "bare_metric": bare_metric(doc, start, end, by_label),
        "outcome": verifiable_outcome(doc, start, end, spans),
        "vague": [s.text for s in by_label.get("VAGUE", [])],
        "hobby": [s.text for s in by_label.get("HOBBY", [])],
        "activities": [
            s.value for s in by_label.get("ACTIVITY", []) if "not relevant" not in s.flags
        ],
        "off_topic": [s.text for s in by_label.get("ACTIVITY", []) if "not relevant" in s.flags],
        "career": [s.text for s in by_label.get("CAREER", [])],
        "work_context": len(by_label.get("KPI", []))
        + sum(start <= s and e <= end for _, s, e, _ in noted(doc, "WORK")),
    }


@cache
def _outcome_language() -> dict[str, Any]:
    data = lexicon("objectives")
    words = "|".join(map(re.escape, data["zero_words"]))
    nouns = "|".join(map(re.escape, data["zero_nouns"]))
    not_every = "|".join(map(re.escape, data["every_not"]))
    return {
        "verbs": frozenset(data["outcome_verbs"]),
        "phrases": tuple(data["outcome_phrases"]),
        "activities": frozenset(data["outcome_activities"]),
        "standard": re.compile(
            rf"\b(?:{words})\b|\bno\s+(?:[\w/&'-]+\s+){{0,3}}?(?:{nouns})\b"
            rf"|\bevery\s+(?!(?:{not_every})s?\b)[a-z]",
            re.IGNORECASE,
        ),
    }


def verifiable_outcome(doc: Doc, start: int, end: int, spans: list[Mark]) -> str | None:
    """What makes a goal with no number checkable: a completion ("pass CompTIA A+",
    "complete the module", "be signed off"), an activity done or not ("buddy a new
    starter") or a standard of none or all ("no compliance fails", "every call")."""
    language = _outcome_language()
    text = text_of(doc)[start:end]
    if _objective_language()["not_a_target"].search(text) or _PAST_TENSE.search(text):
        return None  # "I've nearly finished the module": a report, not a goal to check
    standard = language["standard"].search(text)
    if standard:
        return standard.group(0)
    lower = text.lower()
    phrase = next((p for p in language["phrases"] if p in lower), None)
    if phrase:
        return phrase
    for token in doc[slice(*(token_bounds(doc, start, end) or (0, 0)))]:
        if token.lemma_.lower() in language["verbs"] or token.lower_ in language["verbs"]:
            return token.text
    done = [s for s in spans if s.label_ == "ACTIVITY" and s.value in language["activities"]]
    return done[0].text if done else None


_BARE_WORDS = 6  # words besides the metric's: "improve FCR – less customers chasing ..."


def bare_metric(doc: Doc, start: int, end: int, by_label: dict[str, list[Mark]]) -> bool:
    """ "Reduce my AHT", "get my QA up", "CSAT": a metric and a direction in a few words,
    with no number, count or outcome of its own: not yet specific."""
    metrics = by_label.get("KPI", [])
    if not metrics or by_label.get("QUANTITY") or by_label.get("AMOUNT"):
        return False
    if verifiable_outcome(doc, start, end, [s for v in by_label.values() for s in v]):
        return False
    tokens = token_bounds(doc, start, end)
    if tokens is None:
        return False
    in_metric = {i for span in metrics for i in range(span.start, span.end)}
    words = [t for t in doc[slice(*tokens)] if t.is_alpha and not t.is_stop]
    return sum(t.i not in in_metric for t in words) <= _BARE_WORDS


def is_period(span: Mark) -> bool:
    """ "Within 6 weeks", "over the next quarter": the time a goal has. "For 30 minutes" is
    how long something lasts, an amount."""
    return bool(_TIMESCALE.match(span.text)) and not str(span.value).startswith("PT")


def link_quantities(quantities: list[Mark]) -> tuple[dict | None, dict | None]:
    """Baseline and target from the metric values of one objective or row."""
    for span in quantities:
        value = span.value
        if isinstance(value, dict) and "from" in value:
            return value["from"], value["to"]
    singles = [s.value for s in quantities if isinstance(s.value, dict)]
    if not singles:
        return None, None
    if len(singles) >= 2 and singles[0].get("comparator") is None:
        return singles[0], singles[-1]
    return None, singles[-1]


_DEADLINE_CUE = re.compile(
    r"(?:by|before|until|till|no later than|deadline|due|end of|complete by|ahead of)"
    r"\W*(?:the\s+)?$",
    re.IGNORECASE,
)


def pick_deadline(doc: Doc, dates: list[Mark]) -> dict | None:
    """The date an objective is due: one after "by"/"before", else the last one; never
    one that names a past period ("last year")."""
    dates = [d for d in dates if "past" not in d.flags]
    if not dates:
        return None
    cued = [
        d
        for d in dates
        if _DEADLINE_CUE.search(text_of(doc)[max(0, d.start_char - 20) : d.start_char])
    ]
    chosen = (cued or dates)[-1]
    value = chosen.value
    if value is None:
        return None
    return {
        "text": chosen.text,
        "date": value.end.isoformat(),
        "iso": value.iso,
        "flags": list(value.flags),
    }


def find_reviews(doc: Doc, role: str | None, review_section: bool) -> list[tuple[int, int, dict]]:
    """Review entries: dated passages that speak of a review or of progress.

    An entry starts at a sentence that opens with a date, or that is dated and names a
    review ("1:1 with my TL on 5/3/25"), and runs to the next such sentence; it counts
    when it names a review or reports progress, or is headed by its date and names who
    took part. A progress cell with a date anywhere in it is an entry; a date cell alone
    is not (its row is, see the evidence stage).
    """
    # a run of months ("April to June") is what a passage reports on, not a meeting's date
    dates = [d for d in spans_of(doc, "DATE") if not _month_run(d)]
    if not dates or role in ("review_date", "date", "deadline", "reviewer"):
        return []
    words = [w for w in spans_of(doc, "REVIEW_WORD") if not _planned(doc, w)]
    progress_cell = role in ("progress", "adjustment")
    if progress_cell:
        review_section = True  # a progress cell is read like notes under a Reviews heading
    elif role is not None:
        return []
    entries: list[list[int]] = []
    for *_, s_start, s_end in sentences(doc):
        dated = _inside(dates, s_start, s_end)
        opens_dated = (
            bool(dated)
            and dated[0].start_char - s_start <= _OPENING
            # in prose, "By the end of September I will have ..." sets a deadline
            and not (
                role is None and _DEADLINE_CUE.search(text_of(doc)[s_start : dated[0].start_char])
            )
        )
        names_review = any(w.value != "progress" for w in _inside(words, s_start, s_end))
        if dated and (opens_dated or names_review or progress_cell):
            entries.append([s_start, s_end, dated[0].start_char - s_start <= _HEADED])
        elif entries:
            entries[-1][1] = s_end
    roles = spans_of(doc, "ROLE")
    found = []
    for start, end, headed in entries:
        # "06/10/25, Hollie (TL): FCR at 81%": a note headed by its date, naming who took part
        with_someone = headed and _inside(roles, start, end)
        if _inside(words, start, end) or review_section or with_someone:
            start, end = _trim(doc, start, end, keep_stop=True)
            found.append((start, end, review_value(doc, start, end)))
    return found


_MONTH_DAYS = 31
_RUN = re.compile(r"\s(?:to|until|till)\s|[–-]")


def _month_run(date: Mark) -> bool:
    value = date.value
    return (
        value is not None
        and (value.end - value.start).days > _MONTH_DAYS
        and bool(_RUN.search(date.text))
    )


def _planned(doc: Doc, word: Mark) -> bool:
    """ "Next review: 22/07", "Review due w/c 8/12" plan a review; they do not record one."""
    text = text_of(doc)
    before = text[max(0, word.start_char - 12) : word.start_char].lower()
    after = text[word.end_char : word.end_char + 12].lower().lstrip()
    return before.rstrip().endswith(("next", "the next", "book", "booked")) or after.startswith(
        ("scheduled", "due", "booked", "planned", "arranged")
    )


def review_value(doc: Doc, start: int, end: int) -> dict[str, Any]:
    spans = _inside(spans_of(doc), start, end)
    labels: dict[str, list[Mark]] = {}
    for span in spans:
        labels.setdefault(span.label_, []).append(span)
    checkable = [d for d in labels.get("DATE", []) if _checkable(d)]
    date = checkable[0].value if checkable else None
    adjustments = labels.get("ADJUSTMENT", [])
    reasons = labels.get("REASON", [])
    return {
        "date": date.start.isoformat() if date else None,
        "participants": sorted({s.value for s in labels.get("ROLE", [])}),
        "progress": bool(labels.get("QUANTITY") or labels.get("KPI") or _has_progress_word(labels)),
        "adjustment": [{"kind": s.value, "text": s.text} for s in adjustments],
        "reason": text_of(doc)[reasons[0].start_char : end].strip()
        if adjustments and reasons
        else None,
    }


def _checkable(date: Mark) -> bool:
    """ "14/02", "3rd June", "March" date an entry; "last Friday", "two weeks ago", "this
    month" date nothing a reader can check, and leave the entry undated."""
    if {"relative", "past"} & set(date.flags):
        return False
    words = re.findall(r"[a-z]+", date.text.lower())
    return any(c.isdigit() for c in date.text) or any(w in MONTHS for w in words)


def _has_progress_word(labels: dict[str, list[Mark]]) -> bool:
    return any(s.value == "progress" for s in labels.get("REVIEW_WORD", []))
