"""Excel cell values as a person reads them in Excel: dates, times, durations, percents.

A learner types "9:10" for an average handling time of nine minutes ten seconds, and
Excel keeps it as a fraction of a day shown through a format such as `mm:ss`. The text
must read "09:10", as on screen, never "00:09" (the time of day it would be).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from openpyxl.styles.numbers import is_date_format
from openpyxl.utils.datetime import from_excel, time_to_days, to_excel

SECONDS_PER_DAY = 86_400

# Quoted literals, and bracketed codes other than elapsed [h] [m] [s] (colours, locales)
_LITERALS = re.compile(r'".*?"|\\.|\[(?![hms]+\])[^\]]*\]', re.I)
_DATE_PART = re.compile(r"[dy]", re.I)
_TIME_PART = re.compile(r"[hs]", re.I)
_TOKEN = re.compile(r"\[(h+|m+|s+)\]|(h+)|(m+)|(s+)(?:\.(0+))?|(am/pm|a/p)|(.)", re.I)


@dataclass(frozen=True)
class NumberFormat:
    code: str
    date: bool  # a date, a time or a duration
    clock: bool  # a time or duration only (no day, month or year): shown as h/m/s
    percent: bool


@cache
def number_format(code: str) -> NumberFormat:
    section = _LITERALS.sub("", code.split(";")[0])
    date = is_date_format(code)
    clock = date and not _DATE_PART.search(section) and bool(_TIME_PART.search(section))
    return NumberFormat(code, date, clock, "%" in code)


def render(value: object, fmt: NumberFormat, epoch: dt.datetime) -> tuple[str, dt.date | None]:
    """A cell value as Excel shows it, and its date if it is one."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if fmt.clock and isinstance(value, int | float | dt.datetime | dt.time | dt.timedelta):
        return clock_text(_serial(value, epoch), fmt.code), None
    if isinstance(value, int | float) and fmt.date:
        try:
            value = from_excel(value, epoch)
        except (OverflowError, ValueError):
            return "#VALUE!", None  # as openpyxl reads a serial outside the calendar
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.strftime("%d/%m/%Y"), value.date()
        return value.strftime("%d/%m/%Y %H:%M"), value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y"), value
    if isinstance(value, dt.time):
        return value.strftime("%H:%M"), None
    if isinstance(value, dt.timedelta):
        return str(value), None
    if isinstance(value, int | float):
        if fmt.percent:
            return f"{value * 100:.10g}%", None
        return f"{value:.10g}", None
    text = str(value)
    return (" ".join(text.split()) if "\n" not in text else text.strip()), None


def _serial(value: object, epoch: dt.datetime) -> float:
    """Days as Excel counts them, from a number or a value written as ISO 8601 (Strict)."""
    if isinstance(value, dt.datetime):
        return to_excel(value, epoch)
    if isinstance(value, dt.time):
        return time_to_days(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / SECONDS_PER_DAY
    return float(value)  # type: ignore[arg-type]


def clock_text(days: float, code: str) -> str:
    """Days shown through a time or duration format: `mm:ss`, `[h]:mm:ss`, `h:mm AM/PM`."""
    tokens = _TOKEN.findall(_LITERALS.sub("", code.split(";")[0]))
    decimals = max((len(t[4]) for t in tokens if t[3]), default=0)
    sign = "-" if days < 0 else ""
    units = round(abs(days) * SECONDS_PER_DAY * 10**decimals)  # as shown: rounded
    seconds, fraction = divmod(units, 10**decimals)
    elapsed = next((t[0][0].lower() for t in tokens if t[0]), None)
    twelve_hour = any(t[5] for t in tokens)
    if elapsed is None:
        seconds %= SECONDS_PER_DAY  # a time of day: whole days are not shown
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if elapsed == "m":
        minutes += hours * 60
    elif elapsed == "s":
        secs = seconds
    shown_hours = (hours % 12 or 12) if twelve_hour else hours
    pieces: list[str] = []
    for bracket, hour, minute, second, _, meridiem, other in tokens:
        if bracket:
            letter = bracket[0].lower()
            number = {"h": hours, "m": minutes, "s": secs}[letter]
            pieces.append(f"{number:0{len(bracket)}d}")
        elif hour:
            pieces.append(f"{shown_hours:0{min(len(hour), 2)}d}")
        elif minute:
            pieces.append(f"{minutes:0{min(len(minute), 2)}d}")
        elif second:
            pieces.append(f"{secs:0{min(len(second), 2)}d}")
            if decimals:
                pieces.append(f".{fraction:0{decimals}d}")
        elif meridiem:
            word = ("AM", "PM") if len(meridiem) == 5 else ("A", "P")  # AM/PM or A/P
            pieces.append(word[hours >= 12])
        else:
            pieces.append(other)
    return sign + "".join(pieces).strip()
