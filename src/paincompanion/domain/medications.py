"""Medicines and supplements the patient takes, and the doses they log: value objects and their rules.

What an item *is* (its ingredients) is not stored: it is worked out from the name through the bundled
interaction dataset each time, so a newer dataset recognises more of what was typed years ago.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime

from ..errors import ValidationError
from . import bounds
from .diary import FUTURE_TOLERANCE, ensure_aware, fixed_offset

#: "" means: take the kind from the lexicon.
KINDS: tuple[str, ...] = ("", "drug", "supplement", "herbal")
MAX_NAME_CHARS = 200
MAX_UNIT_CHARS = 20
MAX_FORM_CHARS = 60
MAX_TEXT_CHARS = 200  # reason, prescriber, product, strain
MAX_NOTES_CHARS = 10_000
MAX_AMOUNT_CHARS = 60
MAX_DOSE_NOTE_CHARS = 1_000
MAX_STRENGTH = 1_000_000.0
MAX_TIMES_PER_DAY = 24.0
MAX_PACK_INGREDIENTS = 12
MAX_INGREDIENT_CHARS = 100
MAX_INGREDIENT_STRENGTH_CHARS = 30
#: Shown beside an item checked by the active ingredients the patient read off its pack.
GIVEN_BY_YOU = "ingredients given by you"


@dataclass(frozen=True)
class PackIngredient:
    """One active ingredient as the patient read it off the pack, with its strength as printed ("500 mg")."""

    name: str
    strength: str = ""

    @property
    def text(self) -> str:
        return f"{self.name} {self.strength}".strip()


@dataclass(frozen=True)
class MedicationDraft:
    """What the patient enters for one medicine or supplement; checked by `validate_medication`."""

    name: str
    kind: str = ""
    strength: float | None = None
    unit: str = "mg"
    form: str = ""
    times_per_day: float | None = None  # with as_needed: the most times a day
    as_needed: bool = False
    start: date | None = None
    stop: date | None = None
    reason: str = ""
    prescriber: str = ""  # prescriber, or where it was bought
    product: str = ""
    strain: str = ""
    notes: str = ""
    #: The active ingredients read off the pack; when given, the item is checked by these, not by its name.
    pack_ingredients: tuple[PackIngredient, ...] = ()


@dataclass(frozen=True)
class Medication(MedicationDraft):
    """A saved item plus what the dataset recognised it as (never stored; resolved when read)."""

    id: int = 0
    recognized: bool = False
    ingredients: tuple[str, ...] = ()
    display_ingredients: tuple[str, ...] = ()
    #: "Did you mean": each "Name (ingredient + ingredient)", offered, never applied.
    suggestions: tuple[str, ...] = ()
    #: The lexicon product the name matched ("Percocet"), if any.
    matched_product: str | None = None
    #: "drug" | "supplement" | "herbal" | … from the lexicon ("" when not recognised).
    lexicon_kind: str = ""
    #: A name that could be several products: each "Name (ingredient + ingredient)"; pick one as `product`.
    candidates: tuple[str, ...] = ()
    #: Names of the pack ingredients the dataset does not know (not checked).
    unknown_ingredients: tuple[str, ...] = ()
    #: The day `active` is judged on (the service's clock); today's date when not set.
    as_of: date | None = field(default=None, compare=False, repr=False)

    @property
    def active(self) -> bool:
        """Still taken: no stop date, or a stop date still in the future."""
        return self.stop is None or self.stop > (self.as_of or date.today())

    @property
    def ingredients_given(self) -> bool:
        """Checked by the ingredients the patient read off the pack."""
        return bool(self.pack_ingredients)

    @property
    def recognition(self) -> str:
        """'Oxycodone + Acetaminophen', '… (ingredients given by you)', 'which product? …' or 'not recognised'."""
        if self.ingredients_given:
            text = " + ".join(self.display_ingredients) or "none of them recognised"
            if self.unknown_ingredients:
                text += "; not recognised: " + ", ".join(self.unknown_ingredients)
            return f"{text} ({GIVEN_BY_YOU})"
        if self.candidates:
            return "which product? " + " or ".join(self.candidates)
        return " + ".join(self.display_ingredients) if self.recognized else "not recognised"

    @property
    def effective_kind(self) -> str:
        """The kind the patient chose, else the lexicon's."""
        return self.kind or self.lexicon_kind

    @property
    def schedule_text(self) -> str:
        return schedule_text(self.times_per_day, self.as_needed)

    @property
    def strength_text(self) -> str:
        return f"{self.strength:g} {self.unit}".strip() if self.strength is not None else ""

    def as_draft(self) -> MedicationDraft:
        return MedicationDraft(**{f.name: getattr(self, f.name) for f in fields(MedicationDraft)})


@dataclass(frozen=True)
class Dose:
    """One logged dose. `at` is aware, in the UTC offset that applied when it was taken."""

    id: int
    medication_id: int
    medication_name: str
    at: datetime
    amount: str = ""  # as typed: "2 tablets", "1000 mg", "half"
    note: str = ""

    @property
    def local_day(self) -> date:
        return self.at.date()


def _times(value: float) -> str:
    return f"{value:g}×"


def schedule_text(times_per_day: float | None, as_needed: bool) -> str:
    """'2× a day', 'as needed', 'as needed, up to 3× a day', 'every 2 days'."""
    if as_needed:
        return f"as needed, up to {_times(times_per_day)} a day" if times_per_day else "as needed"
    if times_per_day is None:
        return "no schedule given"
    if times_per_day < 1:
        every = 1 / times_per_day
        if abs(every - round(every)) < 1e-6:
            return "once a week" if round(every) == 7 else f"every {round(every)} days"
    return "once a day" if times_per_day == 1 else f"{_times(times_per_day)} a day"


def _text(value: object, what: str, limit: int, *, one_line: bool = True) -> str:
    """Trimmed text (one line unless `one_line` is False) within `limit`, without control characters."""
    text = str(value or "")
    text = " ".join(text.split()) if one_line else text.strip()
    if len(text) > limit:
        raise ValidationError(f"{what} can be at most {limit:,} characters.")
    return bounds.check_text(text, what, limit=limit, multiline=not one_line)


def _number(value: object, what: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{what} must be a number, not {value!r}.")
    try:
        if isinstance(value, str) and len(value.strip()) > bounds.MAX_NUMBER_CHARS:
            raise ValueError
        number = float(value.strip().replace(",", ".") if isinstance(value, str) else value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(f"{what} must be a number, not {bounds.printable(repr(value))[:60]}.") from None
    if not math.isfinite(number):
        raise ValidationError(f"{what} must be a number, not {value!r}.")
    return number


def _day(value: object, what: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ValidationError(f"{what} must be a date like 2026-03-10.")


def validate_name(value: object, what: str = "The name", limit: int = MAX_NAME_CHARS) -> str:
    """A medicine or ingredient name, tidied; one plain sentence (ValidationError) for what cannot be a name."""
    text = bounds.check_text(str(value or ""), what, limit=limit)  # control characters, undecodable bytes, length
    text = _text(text, what, limit)
    if not text:
        raise ValidationError(f"{what} is empty: type it as on the pack." if what != "The name" else
                              "A medicine needs a name.")  # fmt: skip
    if not any(ch.isalpha() for ch in text):
        raise ValidationError(f"{what} needs letters, not only digits or signs: type it as on the pack.")
    return text


_INGREDIENT_STRENGTH = re.compile(r"^\d+(?:[.,]\d+)?\s*(?:[a-zA-Zµμ%]+(?:\s*/\s*[a-zA-Z0-9.,]+)?)?$")


def validate_pack_ingredients(items: object) -> tuple[PackIngredient, ...]:
    """The pack's active ingredients, tidied (duplicates dropped), or one plain sentence (ValidationError)."""
    if not items:
        return ()
    if not isinstance(items, Iterable):
        raise ValidationError("The ingredients from the pack must be a list.")
    found: list[PackIngredient] = []
    for item in items:
        if not isinstance(item, PackIngredient):
            raise ValidationError("An ingredient from the pack must have a name.")
        name = validate_name(item.name, "The ingredient name", MAX_INGREDIENT_CHARS)
        raw = bounds.check_text(
            str(item.strength or ""), "The ingredient strength", limit=MAX_INGREDIENT_STRENGTH_CHARS
        )
        strength = _text(raw, "The ingredient strength", MAX_INGREDIENT_STRENGTH_CHARS)
        if strength and not _INGREDIENT_STRENGTH.match(strength.replace(" ", "")):
            raise ValidationError(f"The strength {strength!r} is not like '500 mg' or '2.5 mg/ml'.")
        if all(p.name.casefold() != name.casefold() for p in found):
            found.append(PackIngredient(name, strength))
    if len(found) > MAX_PACK_INGREDIENTS:
        raise ValidationError(f"A pack can list at most {MAX_PACK_INGREDIENTS} active ingredients here.")
    return tuple(found)


def parse_pack_ingredients(text: str, strengths: tuple[str, ...] = ()) -> tuple[PackIngredient, ...]:
    """'paracetamol 500 mg + codeine 30 mg' (or commas) → PackIngredients; `strengths` pair up in order."""
    parts = [p.strip() for p in re.split(r"[+;]|(?<!\d),|,(?!\d)|\s+/\s+", text or "") if p.strip()]
    items = []
    for k, part in enumerate(parts):
        match = re.match(r"^(.*?\D)\s*(\d+(?:[.,]\d+)?\s*[a-zA-Zµμ%]*(?:/[a-zA-Z0-9.,]+)?)$", part)
        name, strength = (match.group(1).strip(), match.group(2)) if match else (part, "")
        if k < len(strengths) and strengths[k].strip():
            strength = strengths[k].strip()
        items.append(PackIngredient(name, strength))
    if len(strengths) > len(parts):
        raise ValidationError("There are more ingredient strengths than ingredients.")
    return tuple(items)


def validate_medication(draft: MedicationDraft, today: date) -> MedicationDraft:
    """Return a normalised copy of `draft`, or raise `ValidationError` with one plain sentence."""
    name = validate_name(draft.name)
    kind = str(draft.kind or "").strip().lower()
    if kind not in KINDS:
        raise ValidationError(f"The kind must be drug, supplement or herbal, not {draft.kind!r}.")
    strength = _number(draft.strength, "The strength")
    if strength is not None and not 0 < strength <= MAX_STRENGTH:
        raise ValidationError(f"The strength must be more than 0, not {strength:g}.")
    unit = _text(draft.unit, "The unit", MAX_UNIT_CHARS) or "mg"
    times = _number(draft.times_per_day, "Times a day")
    if times is not None and not 0 < times <= MAX_TIMES_PER_DAY:
        raise ValidationError(f"Times a day must be more than 0 and at most 24, not {times:g}.")
    if not isinstance(draft.as_needed, bool):
        raise ValidationError("'As needed' must be yes or no.")
    start = _day(draft.start, "The start date")
    stop = _day(draft.stop, "The stop date")
    if start is not None and start > today:
        raise ValidationError(
            f"The start date {start.isoformat()} is in the future; add the medicine when you start it."
        )
    if start is not None and stop is not None and stop < start:
        raise ValidationError(f"The stop date {stop.isoformat()} is before the start date {start.isoformat()}.")
    if any(day is not None and day.year < 1900 for day in (start, stop)):
        raise ValidationError("The date is too far in the past.")
    for day, what in ((start, "The start date"), (stop, "The stop date")):
        if day is not None:
            bounds.check_day(day, what)
    return replace(
        draft,
        name=name,
        kind=kind,
        strength=strength,
        unit=unit,
        form=_text(draft.form, "The form", MAX_FORM_CHARS),
        times_per_day=times,
        start=start,
        stop=stop,
        reason=_text(draft.reason, "The reason", MAX_TEXT_CHARS),
        prescriber=_text(draft.prescriber, "The prescriber or shop", MAX_TEXT_CHARS),
        product=_text(draft.product, "The product", MAX_TEXT_CHARS),
        strain=_text(draft.strain, "The strain", MAX_TEXT_CHARS),
        notes=_text(draft.notes, "The notes", MAX_NOTES_CHARS, one_line=False),
        pack_ingredients=validate_pack_ingredients(draft.pack_ingredients),
    )


def validate_dose(at: datetime, amount: str, note: str, now: datetime) -> tuple[datetime, str, str]:
    """A dose time (not in the future) in its fixed offset, the amount and the note, checked."""
    if not isinstance(at, datetime):
        raise ValidationError("The time of the dose must be a date and time.")
    if at.year < bounds.MIN_YEAR:
        raise ValidationError("The date is too far in the past.")
    moment = fixed_offset(at)
    if moment > ensure_aware(now) + FUTURE_TOLERANCE:
        raise ValidationError(f"The time {moment:%Y-%m-%d %H:%M} is in the future; log a dose when you take it.")
    if moment.year < 1900:
        raise ValidationError("The date is too far in the past.")
    return (
        moment,
        _text(amount, "The amount", MAX_AMOUNT_CHARS),
        _text(note, "The dose note", MAX_DOSE_NOTE_CHARS, one_line=False),
    )


_AMOUNT = re.compile(r"^\s*(?:(\d+(?:[.,]\d+)?)|(half|one|two|three|four)\b)\s*([a-zµμ]*)", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_WORDS = {"half": 0.5, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0}
_MASS = {"mg": 1.0, "g": 1000.0, "gram": 1000.0, "grams": 1000.0, "mcg": 0.001, "µg": 0.001, "μg": 0.001}


def parse_amount(amount: str) -> tuple[float | None, float | None]:
    """What a typed dose amount says: (how many units, or None; milligrams, or None).

    "2", "2 tablets", "half" → (2 | 0.5, None); "1000 mg", "1 g" → (None, 1000); "" or "a splash" → (None, None).
    """
    match = _AMOUNT.match(_THOUSANDS.sub("", amount or ""))
    if not match:
        return None, None
    digits, word, unit = match.group(1), match.group(2), match.group(3).lower()
    number = float(digits.replace(",", ".")) if digits else _WORDS[word.lower()]
    if unit in _MASS:
        return None, number * _MASS[unit]
    return number, None
