"""Medicine rules: validation messages, normalisation, schedule wording, active, dose amounts."""

from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.domain.medications import (
    Medication,
    MedicationDraft,
    parse_amount,
    schedule_text,
    validate_dose,
    validate_medication,
)
from paincompanion.errors import ValidationError

TODAY = date(2026, 3, 10)
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def test_a_valid_draft_is_normalised():
    draft = MedicationDraft(
        "  Percocet   5/325 ", kind=" Drug", strength="7,5", unit="", form=" tablet ", times_per_day="4",
        as_needed=True, start=date(2026, 1, 1), reason="  back\tpain ", notes="  line 1\nline 2  ",
    )  # fmt: skip
    clean = validate_medication(draft, TODAY)
    assert clean.name == "Percocet 5/325"
    assert (clean.kind, clean.strength, clean.unit, clean.form) == ("drug", 7.5, "mg", "tablet")
    assert clean.times_per_day == 4.0 and clean.as_needed is True
    assert clean.reason == "back pain" and clean.notes == "line 1\nline 2"
    assert validate_medication(clean, TODAY) == clean  # idempotent


def test_neither_schedule_nor_strength_is_required():
    clean = validate_medication(MedicationDraft("fish oil"), TODAY)
    assert clean.strength is None and clean.times_per_day is None and not clean.as_needed


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "   "}, "needs a name"),
        ({"name": "x" * 201}, "at most 200"),
        ({"strength": 0}, "more than 0"),
        ({"strength": -5}, "more than 0"),
        ({"strength": "lots"}, "must be a number"),
        ({"strength": float("nan")}, "must be a number"),
        ({"strength": True}, "must be a number"),
        ({"times_per_day": 0}, "more than 0 and at most 24"),
        ({"times_per_day": 25}, "more than 0 and at most 24"),
        ({"times_per_day": "twice"}, "must be a number"),
        ({"kind": "candy"}, "drug, supplement or herbal"),
        ({"start": date(2026, 3, 11)}, "in the future"),
        ({"start": date(2026, 3, 1), "stop": date(2026, 2, 28)}, "before the start date"),
        ({"start": "2026-01-01"}, "must be a date"),
        ({"start": date(1800, 1, 1)}, "too far in the past"),
        ({"unit": "m" * 21}, "at most 20"),
        ({"reason": "r" * 201}, "at most 200"),
        ({"notes": "n" * 10_001}, "at most 10,000"),
        ({"as_needed": "yes"}, "yes or no"),
    ],
)
def test_invalid_drafts_give_one_plain_line(changes, message):
    draft = MedicationDraft(**{"name": "Ibuprofen", **changes})
    with pytest.raises(ValidationError) as info:
        validate_medication(draft, TODAY)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_boundaries_are_allowed():
    clean = validate_medication(
        MedicationDraft("x" * 200, times_per_day=24, start=TODAY, stop=TODAY, strength=0.001), TODAY
    )
    assert clean.times_per_day == 24 and clean.stop == clean.start == TODAY
    # a stop date in the future (a planned end) is fine, and so is a start in the past
    validate_medication(MedicationDraft("Amoxicillin", start=date(2026, 3, 1), stop=date(2026, 3, 20)), TODAY)


@pytest.mark.parametrize(
    ("times", "as_needed", "text"),
    [
        (2, False, "2× a day"),
        (1, False, "once a day"),
        (0.5, False, "every 2 days"),
        (1 / 7, False, "once a week"),
        (1.5, False, "1.5× a day"),
        (None, True, "as needed"),
        (3, True, "as needed, up to 3× a day"),
        (None, False, "no schedule given"),
    ],
)
def test_schedule_text(times, as_needed, text):
    assert schedule_text(times, as_needed) == text


def test_active_depends_on_the_stop_date_and_the_day_it_is_judged_on():
    med = Medication("Ibuprofen", stop=date(2026, 3, 10), as_of=date(2026, 3, 9), id=1)
    assert med.active
    assert not Medication("Ibuprofen", stop=date(2026, 3, 10), as_of=date(2026, 3, 10), id=1).active
    assert Medication("Ibuprofen", as_of=date(2026, 3, 10), id=1).active
    assert med.as_draft() == MedicationDraft("Ibuprofen", stop=date(2026, 3, 10))
    assert Medication("Kratom", kind="", lexicon_kind="herbal").effective_kind == "herbal"
    assert Medication("Kratom", kind="supplement", lexicon_kind="herbal").effective_kind == "supplement"
    assert Medication("Ibuprofen", strength=400).strength_text == "400 mg"


def test_dose_time_is_stored_in_its_fixed_offset_and_not_in_the_future():
    at, amount, note = validate_dose(NOW - timedelta(hours=1), " 2  tablets ", " ok ", NOW)
    assert at.utcoffset() == timedelta(hours=1) and amount == "2 tablets" and note == "ok"
    validate_dose(NOW + timedelta(minutes=4), "", "", NOW)  # clock drift is tolerated
    with pytest.raises(ValidationError, match="in the future"):
        validate_dose(NOW + timedelta(hours=1), "", "", NOW)
    with pytest.raises(ValidationError, match="at most 60"):
        validate_dose(NOW, "x" * 61, "", NOW)


@pytest.mark.parametrize(
    ("amount", "parsed"),
    [
        ("", (None, None)),
        ("2", (2.0, None)),
        ("2 tablets", (2.0, None)),
        ("1.5 caps", (1.5, None)),
        ("half", (0.5, None)),
        ("Two pills", (2.0, None)),
        ("1000 mg", (None, 1000.0)),
        ("1000mg", (None, 1000.0)),
        ("1 g", (None, 1000.0)),
        ("1,000 mg", (None, 1000.0)),
        ("1,5 tablets", (1.5, None)),
        ("500 mcg", (None, 0.5)),
        ("a splash", (None, None)),
    ],
)
def test_parse_amount(amount, parsed):
    assert parse_amount(amount) == parsed
