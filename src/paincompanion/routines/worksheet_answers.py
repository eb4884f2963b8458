"""Checking worksheet answers as typed (stdlib only): every problem is named by field, nothing typed is dropped.

Answers are stored as text by field id. Scores are whole numbers 0–10, minutes whole numbers up to a day,
numbers any number (a decimal comma is fine). Empty answers are left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..domain.routines import FieldType, Routine, WorksheetField

MAX_ANSWER = 5000
MAX_MINUTES = 24 * 60
#: The key of a problem that belongs to the whole worksheet rather than one field.
WHOLE_SHEET = ""
NOTHING_FILLED_IN = "Nothing is filled in yet. Write at least one answer, then save."
_MINUTES_WORDS = re.compile(r"\s*(minutes?|mins?|m)\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class CheckedAnswers:
    """The answers ready to save (`answers`), or what to fix (`problems`: field id -> plain message)."""

    answers: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_answers(routine: Routine, typed: Mapping[str, str]) -> CheckedAnswers:
    """Check what was typed into each field of `routine`'s worksheet (unknown keys are ignored)."""
    answers: dict[str, str] = {}
    problems: dict[str, str] = {}
    for wf in routine.worksheet:
        text = str(typed.get(wf.id, "") or "").strip()
        if not text:
            continue
        value, problem = _check(wf, text)
        if problem:
            problems[wf.id] = problem
        else:
            answers[wf.id] = value
    if not answers and not problems:
        problems[WHOLE_SHEET] = NOTHING_FILLED_IN
    return CheckedAnswers(answers, problems)


def _check(wf: WorksheetField, text: str) -> tuple[str, str]:
    """(value to store, "") or ("", message)."""
    if wf.type is FieldType.SCORE:
        if text.isdigit() and 0 <= int(text) <= 10:
            return str(int(text)), ""
        return "", f"{wf.label}: choose a whole number from 0 to 10, or leave it empty."
    if wf.type is FieldType.MINUTES:
        bare = _MINUTES_WORDS.sub("", text)
        if bare.isdigit() and int(bare) <= MAX_MINUTES:
            return str(int(bare)), ""
        if bare.isdigit():
            return "", f"{wf.label}: at most {MAX_MINUTES} minutes (a whole day)."
        return "", f"{wf.label}: write a whole number of minutes, like 15."
    if wf.type is FieldType.NUMBER:
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            number = float("nan")
        if number == number and abs(number) < 1e9:  # not NaN, not huge
            return (str(int(number)) if number.is_integer() else f"{number:g}"), ""
        return "", f"{wf.label}: write a number, like 3 or 2.5."
    if len(text) > MAX_ANSWER:
        return "", f"{wf.label}: this answer is too long ({len(text)} characters; at most {MAX_ANSWER})."
    return text, ""


def pacing_suggestion(baseline: str) -> str:
    """For the pacing plan: the planned time (about four-fifths of the baseline) and weekly increase (a tenth).

    '' unless `baseline` is a whole number of minutes above zero.
    """
    bare = _MINUTES_WORDS.sub("", baseline.strip())
    if not bare.isdigit() or not 0 < int(bare) <= MAX_MINUTES:
        return ""
    minutes = int(bare)
    quota = max(1, round(minutes * 0.8))
    step = max(1, round(quota / 10))
    return (
        f"With a baseline of {minutes} {'minute' if minutes == 1 else 'minutes'}: plan about {quota} "
        f"{'minute' if quota == 1 else 'minutes'}, and add about {step} {'minute' if step == 1 else 'minutes'} "
        "a week while things are steady."
    )
