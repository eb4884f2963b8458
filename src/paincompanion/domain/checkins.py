"""Check-ins beyond PEG, each optional and skippable: PHQ-2 and GAD-2 mood screens (every two weeks),
a weekly side-effect tick-list, one patient global impression of change, and "naloxone at home".

PHQ-2: Kroenke K, Spitzer RL, Williams JBW. Med Care 2003;41(11):1284-92 (PMID 14583691).
GAD-2: Kroenke K, Spitzer RL, Williams JBW, Monahan PO, Löwe B. Ann Intern Med 2007;146(5):317-25
(PMID 17339617). Both: two items over the last 2 weeks, each 0-3; total 0-6; 3 or more = positive screen
(a reason to talk to a clinician, never a diagnosis). The PHQ and GAD instruments were made free to use by
Pfizer; the item wording below is kept as published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from ..errors import ValidationError
from . import bounds
from .diary import fixed_offset


class Kind(StrEnum):
    PHQ2 = "phq2"
    GAD2 = "gad2"
    SIDE_EFFECTS = "side_effects"
    CHANGE = "change"
    NALOXONE = "naloxone"


SCREEN_STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
SCREEN_ANSWERS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
SCREEN_ITEMS: dict[Kind, tuple[str, str]] = {
    Kind.PHQ2: ("Little interest or pleasure in doing things", "Feeling down, depressed, or hopeless"),
    Kind.GAD2: ("Feeling nervous, anxious or on edge", "Not being able to stop or control worrying"),
}
SCREEN_NAMES = {Kind.PHQ2: "PHQ-2 (mood)", Kind.GAD2: "GAD-2 (anxiety)"}
SCREEN_SOURCES = {
    Kind.PHQ2: "Kroenke K et al. Med Care 2003;41(11):1284-92 (PMID 14583691)",
    Kind.GAD2: "Kroenke K et al. Ann Intern Med 2007;146(5):317-25 (PMID 17339617)",
}
SCREEN_POSITIVE = 3
SCREEN_INTERVAL = timedelta(days=14)
SIDE_EFFECT_INTERVAL = timedelta(days=7)

#: What a positive screen shows: calm, never a diagnosis, with whom to contact (and crisis lines).
POSITIVE_TEXT = (
    "Your answers suggest that low mood or worry has been bothering you a lot lately. This is not a diagnosis; "
    "it is a good reason to talk to your doctor or nurse soon, who can ask a few more questions and help. "
    "If you ever feel you might harm yourself or are in crisis, get help now: call or text 988 (US), "
    "call 116 123 (Samaritans, UK and Ireland), or your local emergency number."
)
NEGATIVE_TEXT = "Thank you. If things change, you can talk to your doctor or nurse at any time."

SIDE_EFFECTS: tuple[tuple[str, str], ...] = (
    ("constipation", "Constipation"),
    ("drowsiness", "Drowsiness"),
    ("nausea", "Nausea"),
    ("dizziness", "Dizziness"),
    ("falls", "A fall"),
    ("other", "Something else"),
)
SIDE_EFFECT_IDS = tuple(k for k, _ in SIDE_EFFECTS)
SIDE_EFFECT_NAMES = dict(SIDE_EFFECTS)

#: Patient Global Impression of Change (7 points; Guy W, ECDEU Assessment Manual 1976; recommended by IMMPACT,
#: Dworkin RH et al. Pain 2005;113:9-19).
CHANGE_QUESTION = (
    "Since your last summary for your clinician, how would you describe the change in your pain and how you manage?"
)
CHANGE_ANSWERS = (
    "Very much improved",
    "Much improved",
    "Minimally improved",
    "No change",
    "Minimally worse",
    "Much worse",
    "Very much worse",
)
CHANGE_SOURCE = "PGIC: Guy W, ECDEU Assessment Manual 1976; IMMPACT: Dworkin RH et al. Pain 2005;113:9-19"
NALOXONE_SOURCE = "CDC 2022 opioid guideline, recommendation 8 (offer naloxone)"


@dataclass(frozen=True)
class Checkin:
    """One check-in. Screens use `items` (two 0-3 answers); side effects `effects`; change and naloxone `value`."""

    kind: Kind
    at: datetime
    items: tuple[int, ...] = ()
    effects: tuple[str, ...] = ()
    value: int | None = None
    id: int = 0

    @property
    def total(self) -> int | None:
        """A screen's total 0-6 (None for other kinds)."""
        return sum(self.items) if self.kind in SCREEN_ITEMS else None

    @property
    def positive(self) -> bool:
        """A screen of 3 or more (Kroenke 2003 / 2007)."""
        return self.total is not None and self.total >= SCREEN_POSITIVE

    @property
    def text(self) -> str:
        """Plain one-line description ('PHQ-2 (mood) 4 of 6: positive screen')."""
        if self.kind in SCREEN_ITEMS:
            verdict = "positive screen" if self.positive else "below the screening cut-off"
            return f"{SCREEN_NAMES[self.kind]} {self.total} of 6 ({self.items[0]}+{self.items[1]}): {verdict}"
        if self.kind is Kind.SIDE_EFFECTS:
            return "Side effects: " + (", ".join(effect_name(e) for e in self.effects) or "none this week")
        if self.kind is Kind.CHANGE:
            return f"Change since the last summary: {self.value} = {CHANGE_ANSWERS[(self.value or 1) - 1].lower()}"
        return f"Naloxone at home: {'yes' if self.value else 'no'}"


def _whole(value: object, what: str, low: int, high: int) -> int:
    """A whole answer from `low` to `high` (also as text), parsed with the app's one bounded parser."""
    found = bounds.parse_int(value, what, low=low, high=high, required=True)
    assert found is not None  # required=True never returns None
    return found


def effect_name(effect: str) -> str:
    return SIDE_EFFECT_NAMES.get(effect, effect)


def make_screen(kind: Kind | str, at: datetime, first: object, second: object) -> Checkin:
    kind = Kind(kind)
    if kind not in SCREEN_ITEMS:
        raise ValidationError(f"{kind.value} is not a two-item screen.")
    name = SCREEN_NAMES[kind].split(" ")[0]
    items = (_whole(first, f"{name} answer 1", 0, 3), _whole(second, f"{name} answer 2", 0, 3))
    return Checkin(kind, fixed_offset(at), items=items)


def make_side_effects(at: datetime, effects: object) -> Checkin:
    """A weekly tick-list; an empty list means "none this week". Names are the ids in SIDE_EFFECTS."""
    if isinstance(effects, str) or not hasattr(effects, "__iter__"):
        raise ValidationError("Side effects must be a list of names.")
    chosen = []
    for raw in effects:
        name = str(raw).strip().lower().replace(" ", "")
        name = {"fall": "falls", "drowsy": "drowsiness", "dizzy": "dizziness"}.get(name, name)
        if name not in SIDE_EFFECT_IDS:
            raise ValidationError(f"Unknown side effect {raw!r}; choose from: {', '.join(SIDE_EFFECT_IDS)}.")
        if name not in chosen:
            chosen.append(name)
    order = {k: i for i, k in enumerate(SIDE_EFFECT_IDS)}
    return Checkin(Kind.SIDE_EFFECTS, fixed_offset(at), effects=tuple(sorted(chosen, key=order.__getitem__)))


def make_change(at: datetime, value: object) -> Checkin:
    return Checkin(Kind.CHANGE, fixed_offset(at), value=_whole(value, "The change", 1, 7))


def make_naloxone(at: datetime, value: object) -> Checkin:
    if isinstance(value, str):
        answer = value.strip().lower()
        if answer not in ("yes", "no"):
            raise ValidationError(f"Naloxone at home: answer yes or no, not {value!r}.")
        has = answer == "yes"
    elif isinstance(value, bool):
        has = value
    else:
        raise ValidationError("Naloxone at home: answer yes or no.")
    return Checkin(Kind.NALOXONE, fixed_offset(at), value=int(has))


def due(kind: Kind, last: datetime | None, now: datetime) -> bool:
    """Screens every two weeks, side effects weekly; change and naloxone are asked when wanted (never nagged)."""
    interval = {Kind.PHQ2: SCREEN_INTERVAL, Kind.GAD2: SCREEN_INTERVAL, Kind.SIDE_EFFECTS: SIDE_EFFECT_INTERVAL}
    if kind not in interval:
        return False
    return last is None or now - last >= interval[kind]
