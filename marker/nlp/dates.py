"""Find and normalise UK dates with one compiled scanner, normalising only the hits.

Day-first throughout. Every value is a closed interval of days; a single day is an
interval of length one. What cannot be settled from the text (a missing year, a month
written as "Mar 25", a relative date with no reference date) is flagged, not guessed
silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from marker.nlp.scan import scan

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_NAME = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_WEEKDAY = rf"(?:{_DAY_NAME}\.?,?\s+)"
# a time of day beside a date ("3/6 at 2pm", "Tuesday at 14:00") is not part of its span
_TIME_OF_DAY = r"(?:\s*,?\s*(?:at\s+)?(?:\d{1,2}(?:[:.][0-5]\d)?\s?[ap]\.?m\b|\d{1,2}:[0-5]\d\b))"
# what may follow a weekday or a bare day that is a date: the clause goes on, not a noun
# it qualifies ("on Saturday mornings", "the 2nd floor")
_CLAUSE_GOES_ON = (
    r"\s*(?:$|[.,;:!?)\-–(]|(?:at|and|with|when|i|we|my|to|for|so|as|after|before|or"
    r"|morning|afternoon|evening|night|week)\b)"
)
_COUNT_WORD = (
    r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|(?:a\s+)?couple\s+of|a\s+few)"
)
_ORD = r"(?:st|nd|rd|th)"
# "the end of", "mid-", "early": which part of the period is meant.
_EDGE = (
    r"(?:(?:the\s+)?(?P<{n}>end|start|beginning|middle|close)\s+of\s+(?:the\s+)?"
    r"|(?P<{n}2>mid|early|late)[\s\-]+)"
)
# Prepositions that make a bare month, year or day/month read as a date; not in the span.
_PREP = (
    r"(?P<{n}>(?:by|in|until|till|til|before|during|from|after|throughout|through|since"
    r"|ahead\s+of|as\s+(?:at|of)|on|due|for"
    r"|deadline:?|date:?|review(?:ed)?(?:\s+on)?:?|dated)\s+(?:the\s+)?)"
)

_PATTERN = "|".join(
    [
        # 31/03/2025, 12.3.25, 12-03-2025
        r"(?<![\d/.\-:£$])(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
        r"(?![\d]|[/.\-]\d)",
        # 2025-03-12
        r"(?<![\d/.\-])(?P<iy>20\d{2})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)",
        # Monday 3rd March 2025, 12th of March, 12 Mar 25
        rf"(?P<td_all>{_WEEKDAY}?(?:the\s+)?(?P<td>\d{{1,2}}){_ORD}?(?:\s+of)?\s+(?P<tm>{_MONTH})\b\.?"
        r"(?:,?\s+(?P<ty>\d{4}|'?\d{2})(?![\d:/%]|\.\d))?)",
        # March 12th (2025), March 12, 2025
        rf"(?P<um_all>{_WEEKDAY}?(?P<um>{_MONTH})\.?\s+(?P<ud>\d{{1,2}})(?:{_ORD}(?:,?\s+(?P<uy>\d{{4}}))?|,?\s+(?P<uy2>\d{{4}})))\b",
        # Q3 2025, end of Q3, Q1 FY25/26, financial Q2
        _EDGE.format(n="qe")
        + r"?(?P<qfin>(?:financial|fiscal)\s+)?\bq(?P<q>[1-4])\b(?:\s*(?:of\s+)?(?P<qfy>fy\s*)?"
        r"(?P<qy>20\d{2}(?:\s*/\s*\d{2,4})?|'?\d{2}(?:/\d{2})?)(?![\d%]))?",
        # the third quarter of 2025
        _EDGE.format(n="we")
        # a bare "last quarter" is the one before this, below
        + r"?(?:the\s+)?(?P<qw>first|second|third|fourth|final|(?<=the )last)\s+quarter\b"
        r"(?:\s+of\s+(?P<qwy>20\d{2}))?",
        # FY24/25, FY 2024/25, 2024/25 financial year, financial year 2024/25
        _EDGE.format(n="fe")
        + r"?(?:\bfy\s*(?P<fa>\d{4}|\d{2})(?:\s*[/\-]\s*(?P<fb>\d{4}|\d{2}))?\b"
        r"|(?P<fc>20\d{2})\s*[/\-]\s*(?P<fd>\d{2}|20\d{2})\s+(?:financial|fiscal)\s+year"
        r"|(?:financial|fiscal)\s+year\s+(?P<ff>20\d{2})\s*[/\-]\s*(?P<fg>\d{2}|20\d{2}))",
        # March 2025, Mar-25, end of March 2025
        _EDGE.format(n="me")
        + rf"?(?P<mm>{_MONTH})\.?(?:\s*[\-/'’]\s*|\s+)(?P<my>20\d{{2}}|[1-4]\d)(?![\d:/%]|\.\d)",
        # next month, the end of this quarter, end of the financial year, last year
        _EDGE.format(n="re")
        + r"?(?P<rel>next|this|the\s+current|the\s+following|following|last|previous|the\s+previous"
        r"|the)\s+"
        r"(?P<unit>week|month|quarter|(?:financial\s+|fiscal\s+)?year)\b",
        # April to September, from June to August, (Apr–Sep): one span of months
        _PREP.format(n="rp") + rf"?(?P<ra>{_MONTH})\.?\s*(?:-|–|to|until|till)\s*(?P<rb>{_MONTH})\b"
        r"(?:,?\s+(?P<ry>20\d{2}))?(?![\d/%\-])",
        # last Friday, next Tuesday, on Tuesday, Friday at 2pm: a weekday with no date
        r"(?:(?P<wr>last|next|this|this\s+coming|coming)\s+|"
        + _PREP.format(n="wp")
        + rf")?(?<!every )(?<!each )(?P<wd>{_DAY_NAME})\b"
        r"(?![.,]?\s+(?:the\s+)?\d{1,2}(?!\d|:|\.\d|\s?[ap]\.?m))"
        rf"(?:(?P<wt>(?={_TIME_OF_DAY}))|(?={_CLAUSE_GOES_ON}))",
        # on the 15th, by the 3rd: a bare day of a month not named
        r"(?P<bp>(?:on|by|before|until|till|from|since)\s+the\s+)(?P<bd>\d{1,2})(?:st|nd|rd|th)\b"
        rf"(?!\s+(?:of\s+)?{_MONTH}\b)"
        rf"(?={_CLAUSE_GOES_ON})",
        # yesterday, tomorrow, two weeks ago, a fortnight ago
        r"(?P<near>yesterday|tomorrow)\b",
        rf"(?P<agon>\d{{1,2}}|{_COUNT_WORD})\s+(?P<agou>days?|weeks?|fortnights?|months?)\s+ago\b",
        # end of March, mid-April, early May (the edge makes a bare month a date)
        _EDGE.format(n="ee") + rf"(?P<em>{_MONTH})\b(?!\s*\d)",
        # by March, in June (a preposition makes a bare month a date)
        _PREP.format(n="pp") + rf"(?P<pm>{_MONTH})\b(?!\s*\d)",
        # by 2026, end of 2025
        r"(?:"
        + _EDGE.format(n="ye")
        + "|"
        + _PREP.format(n="yp")
        + r")(?P<yr>20\d{2})(?![\d/%\-])",
        # by 30/06, on 5/3: a day and month with no year need a preposition, or to be
        # written so that they cannot be a score (19/05, 14/7; never 4/5 or 8/10)
        _PREP.format(n="dp")
        + r"?(?<![\d.,:/£$+\-])(?P<dd>\d{1,2})/(?P<dm>\d{1,2})(?![\d/%]|\.\d)"
        + rf"(?P<dt>(?={_TIME_OF_DAY}))?",
    ]
)
DATE_SCANNER = re.compile(_PATTERN)  # lower case: see marker.nlp.scan
# Where a date expression can begin: the scanner is tried only there, which is many times
# cheaper than letting it try every character. Keep in step with the alternatives above.
_MONTHISH = (
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|fy|financial|fiscal"
    r"|mon|tue|wed|thu|fri|sat|sun)"
)
_STARTS = re.compile(
    r"(?<![\w'])(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|mon|tue|wed|thu|fri|sat|sun|q[1-4]|fy|financial|fiscal"
    r"|(?:next|this|following|last|previous|coming)\s+(?=week|month|quarter|year|financial|fiscal"
    r"|coming|mon|tue|wed|thu|fri|sat|sun)"
    rf"|yesterday|tomorrow|(?:\d{{1,2}}|{_COUNT_WORD})\s+(?=(?:day|week|fortnight|month)s?\s+ago)"
    r"|the\s+(?=end|start|beginning|middle|close|current|following|next|first|second|third"
    r"|fourth|final|last|\d)"
    r"|(?:end|start|beginning|middle|close)\s+of|(?:mid|early|late)[\s\-]"
    r"|(?:first|second|third|fourth|final|last)\s+quarter"
    r"|(?:by|in|until|till|til|before|during|from|after|throughout|through|since|ahead\s+of"
    r"|as\s+(?:at|of)|on"
    r"|due|for|deadline:?"
    rf"|date:?|review(?:ed)?(?:\s+on)?:?|dated)\s+(?:the\s+)?(?={_MONTHISH}))",
)
_WEEK_OF = re.compile(
    r"(?:w/c|w/b|w\.c\.|wc|week\s+(?:commencing|beginning|starting|of))\s+$", re.IGNORECASE
)
_BARE_DAY_MONTH = re.compile(r"^\s*(\d{1,2})/(\d{1,2})\s*$")
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}


@dataclass(frozen=True)
class DateValue:
    start: dt.date
    end: dt.date
    flags: tuple[str, ...] = ()

    @property
    def iso(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    value: DateValue | None
    flags: tuple[str, ...] = field(default=())


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.strip("'’ ")
    return int(digits) + (2000 if len(digits) == 2 else 0)


def _nearest_year(month: int, day: int, reference: dt.date) -> int:
    """The year that puts day/month nearest the reference date."""
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        day_in = min(day, calendar.monthrange(year, month)[1])
        options.append((abs((dt.date(year, month, day_in) - reference).days), year))
    return min(options)[1]


def _edge(span: DateValue, edge: str | None) -> DateValue:
    """Narrow a period to the part the text names ("end of Q3" is its last day)."""
    if not edge:
        return span
    edge = edge.lower()
    length = (span.end - span.start).days
    if edge in ("end", "close"):
        return DateValue(span.end, span.end, span.flags)
    if edge in ("start", "beginning"):
        return DateValue(span.start, span.start, span.flags)
    if span.start.day == 1 and span.end == _month_end(span.start.year, span.start.month):
        # a month splits into early (1-10), mid (11-20) and late (21 to the end)
        first, last = {"early": (1, 10), "mid": (11, 20), "middle": (11, 20)}.get(edge, (21, 0))
        end = span.start.replace(day=last) if last else span.end
        return DateValue(span.start.replace(day=first), end, span.flags)
    third = length // 3
    if edge == "early":
        return DateValue(span.start, span.start + dt.timedelta(days=third), span.flags)
    if edge in ("mid", "middle"):
        start = span.start + dt.timedelta(days=third + 1)
        return DateValue(start, span.end - dt.timedelta(days=third + 1), span.flags)
    return DateValue(span.end - dt.timedelta(days=third), span.end, span.flags)  # late


def _month_span(year: int, month: int, flags: tuple[str, ...] = ()) -> DateValue:
    return DateValue(dt.date(year, month, 1), _month_end(year, month), flags)


def _quarter_span(year: int, quarter: int, financial: bool) -> DateValue:
    first_month = 3 * (quarter - 1) + (4 if financial else 1)
    start_year = year + (first_month - 1) // 12
    first_month = (first_month - 1) % 12 + 1
    end_month = first_month + 2
    return DateValue(dt.date(start_year, first_month, 1), _month_end(start_year, end_month))


def _financial_year(first: int, second: int | None) -> tuple[DateValue, tuple[str, ...]]:
    """FY24/25 runs 1 April 2024 to 31 March 2025 (UK). A lone FY25 is read as 2024/25."""
    if second is None:
        return _financial_year(first - 1, first)[0], ("single financial year number",)
    return DateValue(dt.date(first, 4, 1), dt.date(first + 1, 3, 31)), ()


def _relative(rel: str, unit: str, reference: dt.date) -> DateValue:
    rel = " ".join(rel.lower().split())
    step = {"next": 1, "the following": 1, "following": 1, "last": -1, "previous": -1}.get(
        rel.removeprefix("the "), 0
    )
    unit = unit.lower()
    if unit == "week":
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=step)
        return DateValue(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        month_index = reference.year * 12 + reference.month - 1 + step
        return _month_span(month_index // 12, month_index % 12 + 1)
    if unit == "quarter":
        quarter_index = reference.year * 4 + (reference.month - 1) // 3 + step
        return _quarter_span(quarter_index // 4, quarter_index % 4 + 1, financial=False)
    if "financial" in unit or "fiscal" in unit:
        first = reference.year if reference.month >= 4 else reference.year - 1
        return _financial_year(first + step, first + step + 1)[0]
    return DateValue(dt.date(reference.year + step, 1, 1), dt.date(reference.year + step, 12, 31))


def _day(year: int, month: int, day: int, flags: tuple[str, ...] = ()) -> DateValue | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return DateValue(value, value, flags)


def _numeric(day: int, month: int, year: int) -> DateValue | None:
    """Day-first; a date only valid month-first (03/15/2025) is read so and flagged."""
    value = _day(year, month, day)
    if value is None and month > 12 >= day:
        return _day(year, day, month, ("month-first",))
    return value


def _needs_reference(reference: dt.date | None) -> tuple[dt.date, tuple[str, ...]]:
    if reference is None:
        return dt.date.today(), ("no reference date",)
    return reference, ()


def _normalise(g: dict[str, str | None], reference: dt.date | None) -> DateValue | None:
    """Turn one scanner hit's groups into a value."""
    if g["d"]:
        return _numeric(int(g["d"]), int(g["m"]), _year(g["y"]))
    if g["iy"]:
        return _day(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["td"] or g["ud"]:
        month = MONTHS[(g["tm"] or g["um"]).lower().rstrip(".")]
        day = int(g["td"] or g["ud"])
        year = _year(g["ty"] or g["uy"] or g["uy2"])
        if year is None:
            ref, flags = _needs_reference(reference)
            return _day(_nearest_year(month, day, ref), month, day, ("year inferred", *flags))
        return _day(year, month, day)
    if g["q"]:
        return _quarter(g, reference)
    if g["qw"]:
        ref, flags = _needs_reference(reference)
        year = _year(g["qwy"]) or ref.year
        flags = () if g["qwy"] else ("year inferred", *flags)
        span = _quarter_span(year, _ORDINAL_WORDS[g["qw"].lower()], financial=False)
        return _edge(DateValue(span.start, span.end, flags), g["we"] or g["we2"])
    if g["fa"] or g["fc"] or g["ff"]:
        first = _year(g["fa"] or g["fc"] or g["ff"])
        second = _year(g["fb"] or g["fd"] or g["fg"])
        span, flags = _financial_year(first, second)
        return _edge(DateValue(span.start, span.end, flags), g["fe"] or g["fe2"])
    if g["mm"]:
        two_digits = len(g["my"]) == 2 and not re.search(r"[\-/'’]", g["all"])
        flags = ("month-year assumed",) if two_digits else ()  # "Mar 25": 2025 or the 25th?
        span = _month_span(_year(g["my"]), MONTHS[g["mm"].lower().rstrip(".")], flags)
        return _edge(span, g["me"] or g["me2"])
    if g["rel"]:
        edge = g["re"] or g["re2"]
        if g["rel"].lower() == "the" and not edge:
            return None  # "for the year" is not a date; "by the end of the year" is
        ref, flags = _needs_reference(reference)
        span = _relative(g["rel"], g["unit"], ref)
        if span.end < ref:
            flags = (*flags, "past")  # "last quarter" is never a deadline
        return _edge(DateValue(span.start, span.end, flags), edge)
    if g["ra"]:
        return _month_range(g, reference)
    if g["wd"]:
        return _weekday(g, reference)
    if g["bd"]:
        ref, flags = _needs_reference(reference)
        return _nearest_day(int(g["bd"]), ref, ("month inferred", *flags))
    if g["near"]:
        ref, flags = _needs_reference(reference)
        step = -1 if g["near"] == "yesterday" else 1
        return _day_value(ref + dt.timedelta(days=step), ("relative", *flags))
    if g["agon"]:
        return _ago(g["agon"], g["agou"], reference)
    if g["em"] or g["pm"]:
        ref, flags = _needs_reference(reference)
        month = MONTHS[(g["em"] or g["pm"]).lower()]
        span = _month_span(_nearest_year(month, 15, ref), month, ("year inferred", *flags))
        return _edge(span, g["ee"] or g["ee2"])
    if g["yr"]:
        year = int(g["yr"])
        span = DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31))
        return _edge(span, g["ye"] or g["ye2"])
    if g["dd"]:
        ref, flags = _needs_reference(reference)
        day, month = int(g["dd"]), int(g["dm"])
        # nobody writes a score as "07/11", or scores 31 out of 10
        looks_like_date = g["dd"].startswith("0") or g["dm"].startswith("0") or day > 12
        looks_like_date &= (day, month) != (24, 7)  # "open 24/7"
        if not 1 <= month <= 12 or not (g["dp"] or g["dt"] is not None or looks_like_date):
            return None
        return _day(_nearest_year(month, day, ref), month, day, ("year inferred", *flags))
    return None


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNTS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "a couple of": 2}
_COUNTS |= {"a few": 3}


def _day_value(day: dt.date, flags: tuple[str, ...]) -> DateValue:
    return DateValue(day, day, flags)


def _month_range(g: dict[str, str | None], reference: dt.date | None) -> DateValue:
    """ "April to September", "Apr–Sep 2026": first month's first day to the last's end."""
    first = MONTHS[g["ra"].lower().rstrip(".")]
    last = MONTHS[g["rb"].lower().rstrip(".")]
    flags: tuple[str, ...] = ()
    if g["ry"]:
        end_year = int(g["ry"])
        start_year = end_year - (first > last)
    else:
        ref, flags = _needs_reference(reference)
        start_year = _nearest_year(first, 15, ref)
        end_year = start_year + (first > last)
        flags = ("year inferred", *flags)
    return DateValue(dt.date(start_year, first, 1), _month_end(end_year, last), flags)


def _weekday(g: dict[str, str | None], reference: dt.date | None) -> DateValue | None:
    """ "last Friday" is the one before the reference date, "next Friday" and "by Friday"
    the one after, "since Friday" the one before, "on Friday" the nearer of the two (the
    earlier when both are as near): flagged, for a weekday alone names no week."""
    relation = " ".join((g["wr"] or g["wp"] or "").lower().split())
    if (not relation and g["wt"] is None) or relation.endswith("the"):
        return None  # "Tuesday's calls", "the Saturday queue": not a day
    ref, flags = _needs_reference(reference)
    weekday = _WEEKDAYS.index(g["wd"][:3].lower())
    after = (weekday - ref.weekday()) % 7 or 7  # days to the next one, strictly after
    before = (ref.weekday() - weekday) % 7 or 7  # days back to the last one, strictly before
    if relation in ("last", "since"):
        day, flags = ref - dt.timedelta(days=before), ("relative", *flags)
    elif relation in ("next", "this", "coming", "this coming"):
        day, flags = ref + dt.timedelta(days=after), ("relative", *flags)
    elif relation in ("by", "until", "till", "til", "before", "from", "due", "ahead of"):
        day = ref + dt.timedelta(days=0 if weekday == ref.weekday() else after)
        flags = ("weekday only", *flags)
    else:
        step = 0 if weekday == ref.weekday() else (-before if before <= after else after)
        day, flags = ref + dt.timedelta(days=step), ("weekday only", *flags)
    return _day_value(day, flags)


def _nearest_day(day: int, reference: dt.date, flags: tuple[str, ...]) -> DateValue | None:
    """ "On the 15th": that day in the month that puts it nearest the reference date."""
    options = []
    for step in (-1, 0, 1):
        index = reference.year * 12 + reference.month - 1 + step
        value = _day(index // 12, index % 12 + 1, day)
        if value is not None:
            options.append((abs((value.start - reference).days), value.start))
    if not options:
        return None
    return _day_value(min(options)[1], flags)


def _ago(count_text: str, unit: str, reference: dt.date | None) -> DateValue:
    """ "Two weeks ago", "a month ago": counted back from the reference date."""
    ref, flags = _needs_reference(reference)
    words = " ".join(count_text.lower().split())
    count = int(words) if words.isdigit() else _COUNTS[words]
    unit = unit.lower().rstrip("s")
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 - count
        year, month = index // 12, index % 12 + 1
        day = dt.date(year, month, min(ref.day, calendar.monthrange(year, month)[1]))
    else:
        days = {"day": 1, "week": 7, "fortnight": 14}[unit] * count
        day = ref - dt.timedelta(days=days)
    return _day_value(day, ("relative", *flags))


def _quarter(g: dict[str, str | None], reference: dt.date | None) -> DateValue:
    financial = bool(g["qfin"] or g["qfy"])
    flags: tuple[str, ...] = ()
    if g["qy"]:
        first, _, second = g["qy"].replace(" ", "").partition("/")
        year = _year(first)
        if financial and not second:
            year -= 1  # "Q1 FY26" is the first quarter of 2025/26
    else:
        ref, flags = _needs_reference(reference)
        year, flags = ref.year, ("year inferred", *flags)
        if financial and ref.month < 4:
            year -= 1
    span = _quarter_span(year, int(g["q"]), financial)
    return _edge(DateValue(span.start, span.end, flags), g["qe"] or g["qe2"])


def _span_start(match: re.Match[str]) -> int:
    """Prepositions that only licensed a bare month/year/day are left out of the span."""
    for group in ("pp", "yp", "dp", "rp", "wp", "bp"):
        if match.group(group):
            return match.end(group)
    return match.start()


def find_dates(text: str, reference: dt.date | None, date_cell: bool = False) -> list[DateHit]:
    """Every date expression in `text`, with its value resolved against `reference`.

    `date_cell` says the text is a cell under a date column, where a bare "30/06"
    is a date even without a preposition before it.
    """
    hits: list[DateHit] = []
    if date_cell:
        bare = _BARE_DAY_MONTH.match(text)
        if bare:
            ref, flags = _needs_reference(reference)
            day, month = int(bare[1]), int(bare[2])
            if 1 <= month <= 12:
                value = _day(_nearest_year(month, day, ref), month, day, ("year inferred", *flags))
                if value:
                    return [DateHit(bare.start(1), bare.end(2), value, value.flags)]
    for match in scan(DATE_SCANNER, _STARTS, text):
        groups = match.groupdict()
        groups["all"] = match.group(0)
        value = _normalise(groups, reference)
        if value is None:
            continue
        start = _span_start(match)
        previous = hits[-1] if hits else None
        week = _WEEK_OF.search(text, max(0, start - 25), start)
        if week and value.start == value.end:  # "w/c 14/07/2025" is that week
            start -= len(week.group(0))
            value = DateValue(value.start, value.start + dt.timedelta(days=6), value.flags)
        if previous and previous.end > start:
            continue
        hits.append(DateHit(start, match.end(), value, value.flags))
    return hits
