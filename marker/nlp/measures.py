"""Quantities, durations and frequencies: compiled scanners over the text, values on hits.

A quantity is a metric value ("85%", "4.5/5", "6 minutes", "from 8% to 5%"). Two
kinds of candidate count only next to a KPI, which the caller checks: a clock-like
"5:30" (a handling time, not a time of day) and a number with no unit after a
comparator ("above 4.5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from marker.nlp.scan import scan
from marker.resources import lexicon

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "a couple of": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
    "several": 3,
}
_WORD_NUMBER = "(?:{})".format(  # longest first: "fourteen" before "four"
    "|".join(
        w.replace(" ", r"\s+")
        for w in sorted(NUMBER_WORDS, key=len, reverse=True)
        if w not in ("a", "an")
    )
)
_NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_MINUTES = r"m(?:in(?:ute)?s?)?"
_SECONDS = r"s(?:ec(?:ond)?s?)?"
_HOURS = r"h(?:ou)?rs?"
_UNIT = (
    r"\s?%|\s?per\s?cent\b|\s?percent\b|\s?percentage\s+points?\b|\s?pp\b|\s?points?\b|\s?pts\b"
    r"|\s?seconds?\b|\s?secs?\b|s\b|\s?minutes?\b|\s?mins?\b|m\b|\s?hours?\b|\s?hrs?\b"
)
_SCALE = r"\s?/\s?(?:5|10|20|100)\b(?![/.\-]\d)|\s+out\s+of\s+(?:5|10|20|100)\b"
_AMOUNT = (
    rf"(?:£\s?(?:{_NUM})k?"
    rf"|(?:{_NUM})\s?{_MINUTES}\s?(?:and\s+)?\d{{1,2}}\s?{_SECONDS}\b"  # 7m30s, 6 mins 50 secs
    rf"|(?:{_NUM})\s?{_HOURS}\s?(?:and\s+)?\d{{1,2}}\s?{_MINUTES}\b"  # 1 hr 5 min
    rf"|(?<![\d:/.,])(?:{_NUM})(?:{_SCALE}|{_UNIT})"
    r"|\b\d{1,2}:[0-5]\d\b(?!:)"  # 5:30 - kept only beside a time KPI
    r"|(?<![\w+\-])[+\-]\d+(?![\d/:%])"  # +45 (NPS) - kept only beside a KPI
    rf"|(?<![\d/.:])(?:{_NUM})(?![\d/:%]|\.\d|\s?(?:/|out\s+of|[a-z]))"  # bare - beside a KPI
    r")"
    r"(?P<SUFFIX>\s*\+(?!\d)|\s+or\s+(?:higher|above|more|over|better|greater|less|lower|below"
    r"|under|fewer|fewer|under))?"  # 85%+, 7:30 or less
)
_COMPARATOR = (
    r"under|below|less\s+than|lower\s+than|fewer\s+than|no\s+more\s+than|not\s+more\s+than"
    r"|at\s+most|a\s+maximum\s+of|maximum\s+of|maximum|max\.?|over|above|more\s+than"
    r"|greater\s+than|higher\s+than|at\s+least|a\s+minimum\s+of|minimum\s+of|minimum|min\.?"
    r"|no\s+less\s+than|by|around|about|approximately|approx\.?|circa|to|of|at"
    r"|<=|>=|<|>|≤|≥|~"
)


def _amount(suffix_group: str) -> str:
    return _AMOUNT.replace("SUFFIX", suffix_group)


QUANTITY_SCANNER = re.compile(
    rf"(?:(?P<from>from)\s+(?P<a>{_amount('sa')})\s*(?:to|->|→|–|-)\s*"
    rf"(?P<b>{_amount('sb')})"
    rf"|(?P<ra>{_amount('sra')})\s*(?:to|->|→|–|-)\s*(?P<rb>{_amount('srb')})"
    rf"|(?:(?P<cmp>{_COMPARATOR})\s*)?(?P<one>{_amount('suffix')}))",
)
_SUFFIX_SYMBOL = {"+": ">=", "higher": ">=", "above": ">=", "more": ">=", "over": ">="}
_SUFFIX_SYMBOL |= {"better": ">=", "greater": ">=", "less": "<=", "lower": "<=", "below": "<="}
_SUFFIX_SYMBOL |= {"under": "<=", "fewer": "<="}
# Where each scanner can begin (see marker.nlp.scan); keep in step with the patterns.
_QUANTITY_STARTS = re.compile(
    r"(?<![\w.,:/])[\d£+\-]|[<>≤≥~]|(?<![\w'])(?:under|below|less|lower|fewer|no|not|at|a"
    r"|maximum|max|over|above|more|greater|higher|minimum|min|by|around|about|approx|circa"
    r"|to|of|from)\s+(?=(?:[a-z.]+\s+){0,2}[\d£+\-])",
)
# "a"/"an" and digits are everywhere: they are candidates only before what can follow them.
_DURATION_STARTS = re.compile(
    r"(?<![\w'])(?:within|in|for|over|during|across|throughout|after|\d"
    rf"|{_WORD_NUMBER}|couple|few|several)\b|(?<![\w.])\d"
    r"|(?<![\w'])an?(?=[\s-]+(?:couple|few|\d|[a-z]+-)|[\s-]+(?:min|hour|hr|day|week|fortnight|month|year))",
)
_FREQUENCY_STARTS = re.compile(
    r"(?<![\w'])(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|bi|twice|six"
    r"|half|every|once|three|four|each|per|\d+\s*(?:times|x)\b"
    r"|an?(?=\s+(?:day|week|fortnight|month|quarter|shift|hour)\b))",
)
# Every duration and frequency names a period; most texts name none and are skipped.
# (substring tests on the lower-cased text: many times cheaper than a regex search)
_PERIODS = ("day", "week", "fortnight", "month", "quarter", "year", "hour", "hrs", "shift")
_LENGTH_WORDS = (*_PERIODS, "min")
_REPEAT_WORDS = (*_PERIODS, "annual", "morning", "evening", "night")


def _names(words: tuple[str, ...], text: str) -> bool:
    lower = text.lower()
    return any(word in lower for word in words)


_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_SIGNED = re.compile(rf"[+\-]?(?:{_NUM})")
_COMPOUND_TIME = re.compile(
    rf"^([\d.]+)\s?(?:(?P<h>{_HOURS})|{_MINUTES})\s?(?:and\s+)?(\d{{1,2}})\s?[sm]"
)
_SCALE_OF = re.compile(r"(?:/|out\s+of)\s*(\d+)")
_MONEY_NOISE = re.compile(r"[£k\s]")
_RANGE = re.compile(r"\s*(?:-|–|to|or)\s*")
_CLOCK = re.compile(r"^\d{1,2}:[0-5]\d$")
_BARE = re.compile(rf"^[+\-]?(?:{_NUM})$")
_SUFFIX = re.compile(r"(?:\s*\+|\s+or\s+\w+)$", re.IGNORECASE)

_UNITS = "days?|weeks?|fortnights?|months?|quarters?|years?|hours?|hrs?|shifts?"
_LENGTHS = "minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?"
DURATION_SCANNER = re.compile(
    r"(?:(?P<prep>within|in|for|over|during|across|throughout|after)\s+(?:the\s+)?"
    rf"(?P<qual>(?:next|coming|following|first|last|first\s+few)\s+)?"
    rf"(?:(?P<n>\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+)?|{_WORD_NUMBER}|an?)\s*[-\s]?\s*)?"
    r"(?:(?:consecutive|full|whole|more|further|extra|additional)\s+)?"
    rf"(?P<unit>{_UNITS}|minutes?|mins?)\b(?:['’]?\s*time)?"
    rf"|(?P<an>\d+|{_WORD_NUMBER})[-\s](?P<aunit>day|week|month|year|hour)s?"
    r"(?=[-\s](?:[\w\-]+\s+){0,3}(?:course|programme|program|plan|placement|secondment"
    r"|period|apprenticeship|module|project|trial|pilot|review|rotation|qualification))"
    r"|(?<![\d.])(?P<ch>\d+)\s*(?:hours?|hrs?)\s*(?:and\s+)?(?P<cm>\d{1,2})\s*(?:minutes?|mins?)\b"
    rf"|(?<![\d.])(?P<hn>\d+(?:\.\d+)?|{_WORD_NUMBER})\s*(?P<hunit>hours?|hrs?|minutes?|mins?)\b"
    r"(?=\s+(?:a|per|each|every)\s+(?:day|week|fortnight|month|shift)|\s+of\b|\s+off\b)"
    r"|(?<![\d.])(?P<on>\d+(?:\.\d+)?|{_WORD_NUMBER})\s*(?P<ounit>hours?|hrs?)\b"
    # a plain length of time ("four years in retail", "a 45-minute lunch"): see _plain_length
    rf"|(?<![\w.£])(?P<bn>\d+(?:\.\d+)?|{_WORD_NUMBER}|an?)[\s-]?(?P<bunit>{_LENGTHS})\b)",
)
# A plain length of time after these words counts a repeat or an age, not a length.
_NOT_LENGTH_BEFORE = re.compile(
    r"\b(?:every|each|per|other|once|twice|times|x)\s+$|\d\s*x\s*$", re.IGNORECASE
)
_NOT_LENGTH_AFTER = re.compile(r"['’]?\s*(?:ago|old)\b", re.IGNORECASE)
# "a week" is a length only after or before these ("spent a week", "an hour of"); else
# it is a repeat ("calls a day") or no length at all
_ARTICLE_LENGTH_BEFORE = re.compile(
    r"\b(?:spent|spend|spending|took|take|taking|out|about|around|nearly|almost|than|extra"
    r"|least|half|just|over|under)\s+$",
    re.IGNORECASE,
)
_ARTICLE_LENGTH_AFTER = re.compile(r"\s+(?:of|every|a|an|per|each|or)\b", re.IGNORECASE)
FREQUENCY_SCANNER = re.compile(
    r"\b(?P<adverb>daily|weekly|fortnightly|monthly|quarterly|annually|yearly|bi-?weekly"
    r"|bi-?monthly|twice-?weekly|six-?weekly|4-?weekly|half-?yearly)\b"
    r"|\bevery\s+(?P<other>other\s+|second\s+)?(?:(?P<en>\d+(?:\s*(?:-|–|to|or)\s*\d+)?|"
    rf"{_WORD_NUMBER}(?:\s+(?:or|to)\s+{_WORD_NUMBER})?)\s+)?(?P<eu>{_UNITS})\b"
    r"|\b(?P<times>once|twice|three\s+times|four\s+times|\d+\s+times|\d+x)\s+(?:a|per|each|every)\s+"
    r"(?P<tu>day|week|fortnight|month|quarter|year|shift)\b"
    r"|\b(?P<each>each|per)\s+(?P<pu>day|week|fortnight|month|quarter|year|shift)\b"
    r"|\bevery\s+(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day|morning|afternoon|evening"
    r"|night|weekday)\b"
    r"|(?<=\s)(?P<a>a|an)\s+(?P<au>day|week|fortnight|month|quarter|shift|hour)\b"
    r"(?!\s+(?:early|late|later|ago|before|after|behind|ahead))",
)
_COUNT_BEFORE = re.compile(
    r"(?:\d|\btimes|\btwice|\bonce|\bhours?|\bmins?|\bminutes)\b[^.;:]{0,25}$"
)
_NOT_COUNT_BEFORE = re.compile(r"\b(?:in|within|for|after|over|than)\s+$", re.IGNORECASE)

_PERIOD = {
    "day": "1D",
    "week": "1W",
    "fortnight": "2W",
    "month": "1M",
    "quarter": "3M",
    "year": "1Y",
    "hour": "T1H",
    "hr": "T1H",
    "shift": "1D",
}
_ADVERB = {
    "daily": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "bi-weekly": "P2W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "bimonthly": "P2M",
    "bi-monthly": "P2M",
    "quarterly": "P3M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "twiceweekly": "2/P1W",
    "twice-weekly": "2/P1W",
    "sixweekly": "P6W",
    "six-weekly": "P6W",
    "4weekly": "P4W",
    "4-weekly": "P4W",
    "halfyearly": "P6M",
    "half-yearly": "P6M",
}
_TIMES = {"once": 1, "twice": 2, "three times": 3, "four times": 4}
_COMPARATOR_SYMBOL = {
    "under": "<",
    "below": "<",
    "less than": "<",
    "lower than": "<",
    "fewer than": "<",
    "no more than": "<=",
    "not more than": "<=",
    "at most": "<=",
    "a maximum of": "<=",
    "maximum of": "<=",
    "maximum": "<=",
    "max": "<=",
    "max.": "<=",
    "over": ">",
    "above": ">",
    "more than": ">",
    "greater than": ">",
    "higher than": ">",
    "at least": ">=",
    "a minimum of": ">=",
    "minimum of": ">=",
    "minimum": ">=",
    "min": ">=",
    "min.": ">=",
    "no less than": ">=",
    "by": "by",
    "around": "~",
    "about": "~",
    "approximately": "~",
    "approx": "~",
    "approx.": "~",
    "circa": "~",
    "~": "~",
    "<": "<",
    ">": ">",
    "<=": "<=",
    ">=": ">=",
    "≤": "<=",
    "≥": ">=",
}


@dataclass(frozen=True)
class MeasureHit:
    label: str  # QUANTITY, DURATION or FREQUENCY
    start: int
    end: int
    value: Any
    needs_kpi: str | None = None  # "time" for a clock-like value, "any" for a bare number
    # order among measures on the same words: 0 leads ("from 48 hours to 24 hours" is one
    # value, not two lengths), 2 yields (a plain length of time), 3 yields to all (a count)
    rank: int = 1


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def amount_value(text: str) -> dict[str, Any]:
    """One amount as {"value", "unit"[, "scale"]}; times become seconds."""
    raw = _SUFFIX.sub("", text.strip())
    lower = raw.lower()
    if lower.startswith("£"):
        number = _number(_MONEY_NOISE.sub("", lower))
        return {"value": number * (1000 if lower.endswith("k") else 1), "unit": "GBP"}
    if _CLOCK.match(raw):
        minutes, seconds = raw.split(":")
        return {"value": int(minutes) * 60 + int(seconds), "unit": "s"}
    mixed = _COMPOUND_TIME.match(lower)
    if mixed:  # "6 minutes 50 seconds", "1 hr 5 min"
        big = 3600 if mixed["h"] else 60
        return {"value": float(mixed[1]) * big + int(mixed[3]) * big // 60, "unit": "s"}
    number_text = _SIGNED.match(lower)
    number = _number(number_text.group(0)) if number_text else 0.0
    rest = lower[number_text.end() :].strip() if number_text else lower
    scale = _SCALE_OF.search(rest)
    if scale:
        return {"value": number, "unit": "score", "scale": int(scale[1])}
    if rest.startswith(("%", "per")):
        return {"value": number, "unit": "%"}
    if rest.startswith(("percentage", "pp", "point", "pt")):
        return {"value": number, "unit": "points"}
    if rest.startswith(("s", "sec")):
        return {"value": number, "unit": "s"}
    if rest.startswith("h"):
        return {"value": number * 3600, "unit": "s"}
    if rest.startswith("m"):
        return {"value": number * 60, "unit": "s"}
    return {"value": number, "unit": None}


def _kind(amount: str) -> str | None:
    amount = _SUFFIX.sub("", amount.strip())
    if _CLOCK.match(amount):
        return "time"
    if _BARE.match(amount):
        return "any"
    return None


def find_quantities(text: str) -> list[MeasureHit]:
    hits: list[MeasureHit] = []
    if not _DIGIT.search(text):
        return hits  # every quantity has a digit in it
    for match in scan(QUANTITY_SCANNER, _QUANTITY_STARTS, text):
        first, second = match["a"] or match["ra"], match["b"] or match["rb"]
        if first:
            if not match["from"] and _kind(first) and _kind(second):
                continue  # "9-5", "2024-25": a bare range needs "from" or units
            low, high = amount_value(first), amount_value(second)
            if low["unit"] is None:
                low["unit"] = high["unit"]
            direction = "down" if high["value"] < low["value"] else "up"
            if high["value"] == low["value"]:
                direction = "hold"
            value = {"from": low, "to": high, "direction": direction}
            needs = _kind(first) if _kind(first) == _kind(second) else None
            rank = 0 if match["from"] and not (_kind(first) or _kind(second)) else 1
            hits.append(MeasureHit("QUANTITY", match.start(), match.end(), value, needs, rank))
            continue
        value = amount_value(match["one"])
        comparator = " ".join((match["cmp"] or "").lower().split())
        if match["suffix"]:
            value["comparator"] = _SUFFIX_SYMBOL[
                match["suffix"].split()[-1].lower().lstrip("+") or "+"
            ]
        if comparator in ("to", "of", "at"):
            start = match.start("one")  # "to 75%": the target, without the preposition
        else:
            start = match.start()
            if comparator:
                value["comparator"] = _COMPARATOR_SYMBOL.get(comparator, comparator)
        needs = _kind(match["one"])
        if needs == "any" and not (comparator or match["suffix"] or match["one"][0] in "+-"):
            continue  # a bare number with no comparator is not a metric value
        hits.append(MeasureHit("QUANTITY", start, match.end(), value, needs))
    return hits


def _count(text: str | None) -> float | None:
    if not text:
        return None
    text = " ".join(text.lower().split())
    return float(NUMBER_WORDS[text]) if text in NUMBER_WORDS else _number(text)


def _period(unit: str) -> str:
    unit = unit.lower().rstrip("s") if unit.lower() not in ("hrs",) else "hr"
    return _PERIOD.get(unit, "1D")


def _iso(count: float, unit: str) -> str:
    period = _period(unit)
    amount = count * float(period.lstrip("T")[:-1])
    number = f"{amount:g}"
    return f"PT{number}H" if period.startswith("T") else f"P{number}{period[-1]}"


def find_durations(text: str) -> list[MeasureHit]:
    hits: list[MeasureHit] = []
    if not _names(_LENGTH_WORDS, text):
        return hits
    for match in scan(DURATION_SCANNER, _DURATION_STARTS, text):
        if match["unit"]:
            if not (match["n"] or match["qual"]):
                continue  # "in the week" names no length
            counts = _RANGE.split(match["n"] or "1")
            value = "/".join(_length(c, match["unit"]) for c in counts)
            if match["n"] and text[match.end("n") : match.start("unit")].strip() == "-":
                # "in 15-minute slots": a hyphenated modifier is its own span
                hits.append(MeasureHit("DURATION", match.start("n"), match.end("unit"), value))
                continue
        elif match["ch"]:  # "1 hr 5 min"
            value = f"PT{int(match['ch'])}H{int(match['cm'])}M"
        elif match["aunit"]:
            value = _iso(_count(match["an"]) or 1, match["aunit"])
        elif match["hunit"]:
            value = _minutes_or_hours(match["hn"], match["hunit"])
        elif match["ounit"]:
            value = _minutes_or_hours(match["on"], match["ounit"])
        else:
            if not _plain_length(text, match):
                continue
            value = _length(match["bn"], match["bunit"])
            hits.append(MeasureHit("DURATION", match.start(), match.end(), value, rank=2))
            continue
        hits.append(MeasureHit("DURATION", match.start(), match.end(), value))
    return hits


def _plain_length(text: str, match: re.Match[str]) -> bool:
    """Whether a number and unit with no preposition is a length of time."""
    before, after = text[max(0, match.start() - 20) : match.start()], text[match.end() :]
    if _NOT_LENGTH_BEFORE.search(before) or _NOT_LENGTH_AFTER.match(after):
        return False
    if " ".join(match.group().lower().split()) == "one day":
        return False  # "one day I would like to lead a team": some day, not a length
    if match["bn"].lower() in ("a", "an"):
        return bool(_ARTICLE_LENGTH_BEFORE.search(before) or _ARTICLE_LENGTH_AFTER.match(after))
    return True


def _length(count_text: str, unit: str) -> str:
    if unit.lower().startswith(("min", "h")):
        return _minutes_or_hours(count_text, unit)
    return _iso(_count(count_text) or 1, unit)


def _minutes_or_hours(count_text: str, unit: str) -> str:
    count = _count(count_text) or 1
    return f"PT{count:g}M" if unit.lower().startswith("m") else f"PT{count:g}H"


def find_frequencies(text: str) -> list[MeasureHit]:
    hits: list[MeasureHit] = []
    if not _names(_REPEAT_WORDS, text):
        return hits
    for match in scan(FREQUENCY_SCANNER, _FREQUENCY_STARTS, text):
        if match["adverb"]:
            key = match["adverb"].lower().replace(" ", "")
            value = _ADVERB.get(key, _ADVERB.get(key.replace("-", ""), "P1W"))
        elif match["eu"]:
            value = _every(match["en"], match["eu"], bool(match["other"]))
        elif match["times"]:
            times = match["times"].lower()
            count = _TIMES.get(times) or int(_DIGITS.match(times)[0])
            value = f"{count}/{_iso(1, match['tu'])}"
        elif match["each"]:
            value = _iso(1, match["pu"])
        elif match["wd"]:
            value = "P1W" if match["wd"].lower().endswith("day") else "P1D"  # "every Tuesday"
        else:
            before = text[max(0, match.start() - 40) : match.start()]
            if not _COUNT_BEFORE.search(before) or _NOT_COUNT_BEFORE.search(before):
                continue  # "a week" is a rate only after a count: "10 calls a week"
            value = _iso(1, match["au"])
        hits.append(MeasureHit("FREQUENCY", match.start(), match.end(), value))
    return hits


def _every(count_text: str | None, unit: str, other: bool) -> str:
    if count_text:
        parts = _RANGE.split(count_text.strip().lower())
        if len(parts) == 2:
            return "/".join(_iso(_count(p) or 1, unit) for p in parts)
        return _iso(_count(parts[0]) or 1, unit)
    return _iso(2 if other else 1, unit)


_COUNT_NUMBER = "|".join(
    sorted(
        (w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an", "few", "several")),
        key=len,
        reverse=True,
    )
)
_COUNT_STARTS = re.compile(rf"(?<![\w.,:/£$#+\-])(?:\d|(?:{_COUNT_NUMBER}|an?)\b)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")


@cache
def _count_scanner() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    data = lexicon("amounts")
    units = "|".join(re.escape(u) for u in sorted(data["units"], key=len, reverse=True))
    pattern = re.compile(
        rf"(?!(?:19|20)\d\d\b)(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_COUNT_NUMBER}|an?)"
        rf"(?:\s?(?P<unit>{units})\b(?![.,]?\d)"
        r"|\s+(?P<noun>[a-z][a-z'’-]*)(?:\s+(?P<plural>[a-z][a-z'’-]*s)\b)?)"
    )
    not_counted = frozenset(data["not_counted"]) | STOP_WORDS
    return pattern, not_counted, frozenset(data["not_counts_after"])


def find_counts(text: str) -> list[MeasureHit]:
    """Counts, distances and weights: "4 modules", "three online courses", "5km", "a stone".
    They make a goal measurable; they yield to every other measure on the same words."""
    pattern, not_counted, not_after = _count_scanner()
    hits: list[MeasureHit] = []
    for match in scan(pattern, _COUNT_STARTS, text):
        number, noun = match["n"], match["noun"]
        before = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
        if before and before[1].lower() in not_after:
            continue  # "Level 3 apprenticeship", "Objective 2 is"
        if match["unit"]:
            end, unit = match.end("unit"), match["unit"]
        elif number in ("a", "an") or noun in not_counted:
            continue  # "one of", "2 or 3", "a day"
        elif match["plural"] and not noun.endswith("s") and match["plural"] not in not_counted:
            end, unit = match.end("plural"), match["plural"]  # "3 online courses"
        else:
            end, unit = match.end("noun"), noun
        value = _count(number) if number[0].isalpha() else _number(number)
        hits.append(
            MeasureHit("AMOUNT", match.start(), end, {"value": value, "unit": unit}, rank=3)
        )
    return hits
