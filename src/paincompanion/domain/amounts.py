"""Dose amounts typed as text ("2 g", "1,5 g", "½ tablet", "2 x 500 mg") read into a number and a unit.

Reading never changes what was typed: the text is kept, and an amount that cannot be read is simply left out
of totals (and counted as left out). Only NEW input is checked (`check_new_amount`): a negative or zero amount,
or words without any number ("lots", "some"), are refused with one plain sentence.

Units are kept as the patient means them: masses (mcg, mg, g) convert into each other; counted units
(tablet, capsule, drop, …) and volumes (ml) are added only to the same unit. A bare number ("2") is counted in
the unit the caller gives for the item (its form, or "dose").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..errors import ValidationError

#: Mass units in milligrams.
MASS_MG: dict[str, float] = {"mcg": 0.001, "mg": 1.0, "g": 1000.0}
#: The most an amount may say in its unit (new input): more is a typing slip.
MAX_VALUE = 100_000.0

_UNIT_WORDS: dict[str, str] = {
    # mass ("gr" is how many people write grams; the apothecary grain is not used for these products)
    "mcg": "mcg", "µg": "mcg", "μg": "mcg", "ug": "mcg", "microgram": "mcg", "micrograms": "mcg",
    "mg": "mg", "milligram": "mg", "milligrams": "mg", "milligramme": "mg", "milligrammes": "mg",
    "g": "g", "gr": "g", "grs": "g", "gram": "g", "grams": "g", "gramme": "g", "grammes": "g", "gm": "g",
    # volume
    "ml": "ml", "millilitre": "ml", "millilitres": "ml", "milliliter": "ml", "milliliters": "ml", "cc": "ml",
    # counted
    "tablet": "tablet", "tablets": "tablet", "tab": "tablet", "tabs": "tablet", "pill": "tablet", "pills": "tablet",
    "capsule": "capsule", "capsules": "capsule", "cap": "capsule", "caps": "capsule",
    "drop": "drop", "drops": "drop", "puff": "puff", "puffs": "puff", "spray": "spray", "sprays": "spray",
    "patch": "patch", "patches": "patch", "sachet": "sachet", "sachets": "sachet",
    "scoop": "scoop", "scoops": "scoop", "teaspoon": "teaspoon", "teaspoons": "teaspoon", "tsp": "teaspoon",
    "tablespoon": "tablespoon", "tablespoons": "tablespoon", "tbsp": "tablespoon",
    "gummy": "gummy", "gummies": "gummy", "lozenge": "lozenge", "lozenges": "lozenge",
    "suppository": "suppository", "suppositories": "suppository", "dose": "dose", "doses": "dose",
    "shot": "shot", "shots": "shot", "cup": "cup", "cups": "cup",
}  # fmt: skip
#: Forms (as typed on the item) that name a counted unit, for bare numbers.
_FORM_UNITS = {word: unit for word, unit in _UNIT_WORDS.items() if unit not in MASS_MG and unit != "ml"}

_NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "half": 0.5, "quarter": 0.25,
}  # fmt: skip
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_VULGAR = "".join(_FRACTIONS)

_TOKEN = re.compile(rf"\d+/\d+|\d+(?:[.,]\d+)?|[{_VULGAR}]|[a-zµμ]+|[×*]|\S")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NEGATIVE = re.compile(r"^\s*(?:-|−|–|minus\b)\s*[\d.,]", re.IGNORECASE)
_RANGE = re.compile(r"\d\s*(?:-|–|to|or)\s*\d", re.IGNORECASE)
_ANY_NUMBER = re.compile(rf"\d|[{_VULGAR}]|\b(?:{'|'.join(w for w in _NUMBER_WORDS if len(w) > 2)})\b", re.I)


@dataclass(frozen=True)
class Amount:
    """What a typed amount says: `value` in `unit` (both None when it cannot be read; unit None for a bare number)."""

    text: str
    value: float | None = None
    unit: str | None = None

    @property
    def readable(self) -> bool:
        return self.value is not None


def _digits(token: str) -> float | None:
    if re.fullmatch(r"\d+(?:[.,]\d+)?", token):
        return float(token.replace(",", "."))
    if re.fullmatch(r"\d+/\d+", token):
        top, bottom = (int(part) for part in token.split("/"))
        return top / bottom if bottom else None
    return _FRACTIONS.get(token)


def _take_number(tokens: list[str]) -> float | None:
    """Consume a number from the front of `tokens` ("1", "½" / "1/2" → 1.5; "one", "half a"); None if there is none."""
    if not tokens:
        return None
    first = tokens[0]
    if first in _NUMBER_WORDS:
        tokens.pop(0)
        if first == "half" and tokens[:1] in (["a"], ["an"]):  # "half a tablet"
            tokens.pop(0)
        return float(_NUMBER_WORDS[first])
    value = _digits(first)
    if value is None:
        return None
    tokens.pop(0)
    if "/" not in first and first not in _FRACTIONS and tokens:
        extra = _digits(tokens[0])
        if extra is not None and extra < 1 and not re.fullmatch(r"\d+(?:[.,]\d+)?", tokens[0]):
            tokens.pop(0)  # "1 ½", "1 1/2"
            value += extra
    return value


def read_amount(text: str) -> Amount:
    """Read a typed amount; never raises. Unreadable text (ranges, "lots", negative numbers) gives value None.

    "2 g", "1,5 g", "1000 mg", "2 x 500 mg", "½ tablet", "half a tablet", "one and a half tablets", "2 caps";
    a bare number ("2") has unit None. Words after the unit are ignored ("2 g with tea").
    """
    raw = text or ""
    clean = _THOUSANDS.sub("", " ".join(raw.split())).lower()
    if not clean or _NEGATIVE.match(clean) or _RANGE.search(clean):
        return Amount(raw)
    tokens = _TOKEN.findall(clean)
    starts_with_article = tokens[:1] in (["a"], ["an"])
    value = _take_number(tokens)
    if value is None:
        return Amount(raw)
    if tokens[:3] == ["and", "a", "half"]:
        del tokens[:3]
        value += 0.5
    if tokens[:1] in (["x"], ["×"], ["*"]):
        tokens.pop(0)
        times = _take_number(tokens)
        if times is None:
            return Amount(raw)
        value *= times
    if tokens[:1] in (["of"], ["a"], ["an"]) and len(tokens) > 1:  # "half of a tablet", "a half tablet"
        tokens.pop(0)
        if tokens[:1] in (["a"], ["an"]):
            tokens.pop(0)
    if not tokens:
        return Amount(raw) if starts_with_article else Amount(raw, value, None)
    unit = _UNIT_WORDS.get(tokens[0].rstrip("."))
    if unit is None:
        return Amount(raw)
    return Amount(raw, value, unit)


def check_new_amount(text: str) -> str:
    """A newly typed amount, cleaned; raises ValidationError for a negative, zero or number-less amount.

    Text with a number that cannot be read ("2-3 g", "2 scoops of X") is accepted and kept as typed.
    """
    clean = " ".join((text or "").split())
    if not clean:
        return ""
    if _NEGATIVE.match(clean):
        raise ValidationError(f"The amount {clean!r} is negative; give how much you took, like '2 g' or '1 tablet'.")
    if not _ANY_NUMBER.search(clean):
        raise ValidationError(
            f"The amount {clean!r} has no number; give how much you took, like '2 g' or '1 tablet' "
            "(words go in the note)."
        )
    amount = read_amount(clean)
    if amount.value is not None and not 0 < amount.value <= MAX_VALUE:
        what = "0" if amount.value == 0 else f"{amount.value:g}"
        raise ValidationError(f"The amount must be more than 0 and at most {MAX_VALUE:,.0f}, not {what}.")
    return clean


def form_unit(form: str) -> str:
    """The counted unit an item's form names ("tablet", "capsules" → "capsule"), else "dose"."""
    words = re.findall(r"[a-z]+", (form or "").lower())
    return next((_FORM_UNITS[w] for w in words if w in _FORM_UNITS), "dose")


@dataclass(frozen=True)
class DailyAmounts:
    """Totals per local day in one unit, and how many doses were left out (no amount, unreadable, other unit)."""

    unit: str | None
    days: tuple[tuple[date, float], ...]
    left_out: int

    def to_json(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "days": [{"date": day.isoformat(), "total": round(total, 3)} for day, total in self.days],
            "left_out": self.left_out,
        }


def _dimension(unit: str) -> str:
    return "mass" if unit in MASS_MG else unit


def daily_totals(doses: Iterable[tuple[date, str]], bare_unit: str = "dose") -> DailyAmounts:
    """Add up (local day, typed amount) pairs per day, in the unit most of the readable amounts use.

    Masses are converted to the mass unit typed most often (ties: the larger unit). Bare numbers count in
    `bare_unit`. Doses with no amount, an unreadable one, or one in another unit are left out and counted.
    """
    read: list[tuple[date, float, str]] = []
    left_out = 0
    for day, text in doses:
        amount = read_amount(text)
        if amount.value is None:
            left_out += 1
            continue
        read.append((day, amount.value, amount.unit or bare_unit))
    if not read:
        return DailyAmounts(None, (), left_out)
    dims = Counter(_dimension(unit) for _, _, unit in read)
    best = max(dims.items(), key=lambda item: (item[1], item[0] == "mass", item[0]))[0]
    if best == "mass":
        units = Counter(unit for _, _, unit in read if unit in MASS_MG)
        out_unit = max(units.items(), key=lambda item: (item[1], MASS_MG[item[0]]))[0]
    else:
        out_unit = best
    sums: dict[date, list[float]] = defaultdict(list)
    for day, value, unit in read:
        if _dimension(unit) != best:
            left_out += 1
        elif best == "mass":
            sums[day].append(value * MASS_MG[unit] / MASS_MG[out_unit])
        else:
            sums[day].append(value)
    days = tuple((day, math.fsum(values)) for day, values in sorted(sums.items()))
    return DailyAmounts(out_unit, days, left_out)
