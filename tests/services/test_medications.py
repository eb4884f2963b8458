"""MedicationService: the list, the dose log, checks, daily totals, undo and change notifications."""

from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.domain.changes import Changes
from paincompanion.domain.interactions import Severity
from paincompanion.domain.medications import MedicationDraft
from paincompanion.errors import NotFound, ValidationError
from paincompanion.services.meds_undo import (
    AddMedicationOp,
    DeleteDoseOp,
    DeleteMedicationOp,
    EditMedicationOp,
    RestartMedicationOp,
    StopMedicationOp,
    TakeDoseOp,
)
from paincompanion.services.undo import UndoHistory

CET = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 10)


@pytest.fixture
def meds(companion):
    return companion.meds


@pytest.fixture
def changes(companion):
    seen = []
    companion.changed.connect(seen.append)
    return seen


def _snapshot(companion):
    return companion.meds.list_medications(), companion.meds.doses()


def test_add_resolves_the_name_and_keeps_what_was_typed(meds):
    med = meds.add(MedicationDraft("Percocet 5/325", times_per_day=4, as_needed=True, reason="flares"))
    assert med.id > 0 and med.name == "Percocet 5/325" and med.recognized
    assert med.ingredients == ("oxycodone", "acetaminophen")
    assert med.display_ingredients == ("Oxycodone", "Acetaminophen")
    assert med.matched_product == "Percocet" and med.lexicon_kind == "drug" and med.effective_kind == "drug"
    assert med.active and med.schedule_text == "as needed, up to 4× a day"
    assert meds.get(med.id) == med


def test_an_unknown_name_is_kept_as_not_recognised_with_suggestions(meds):
    med = meds.add(MedicationDraft("Cymbalto xyz"))
    assert not med.recognized and med.ingredients == () and med.suggestions == ("Cymbalta (Duloxetine)",)
    again = meds.list_medications()[0]
    assert again.name == "Cymbalto xyz" and not again.recognized and again.suggestions == ("Cymbalta (Duloxetine)",)
    result = meds.check()
    assert result.unrecognized == ["Cymbalto xyz"]


def test_edit_stop_restart_and_the_order_of_the_list(meds, clock):
    b = meds.add(MedicationDraft("ibuprofen", strength=400, times_per_day=3, start=date(2026, 1, 1)))
    a = meds.add(MedicationDraft("Acetaminophen", strength=500, as_needed=True))
    c = meds.add(MedicationDraft("Zinc"))
    edited = meds.update(b.id, MedicationDraft("Ibuprofen", strength=200, times_per_day=2, start=date(2026, 1, 1)))
    assert (edited.name, edited.strength, edited.times_per_day) == ("Ibuprofen", 200.0, 2.0)
    stopped = meds.stop(a.id)
    assert stopped.stop == TODAY and not stopped.active
    assert [m.id for m in meds.list_medications()] == [b.id, c.id, a.id]  # active by name, then stopped
    assert [m.id for m in meds.list_medications(include_stopped=False)] == [b.id, c.id]
    with pytest.raises(ValidationError, match="before the start date"):
        meds.stop(b.id, on=date(2025, 12, 31))
    planned = meds.stop(b.id, on=date(2026, 4, 1))  # a planned end: still active until then
    assert planned.active
    assert meds.restart(a.id).active and meds.get(a.id).stop is None
    with pytest.raises(NotFound, match="no medicine with id 99"):
        meds.update(99, MedicationDraft("x"))
    with pytest.raises(ValidationError, match="needs a name"):
        meds.update(b.id, MedicationDraft(" "))
    assert meds.get(b.id).name == "Ibuprofen"


def test_stopped_items_keep_their_doses_and_delete_restore_brings_both_back(meds, clock):
    med = meds.add(MedicationDraft("Tramadol", strength=50, as_needed=True))
    other = meds.add(MedicationDraft("Melatonin"))
    first = meds.take(med.id, at=datetime(2026, 3, 8, 22, 0, tzinfo=CET), amount="1 tablet")
    second = meds.take(med.id)
    kept = meds.take(other.id)
    meds.stop(med.id, on=date(2026, 3, 9))
    assert {d.id for d in meds.doses()} == {first.id, second.id, kept.id}
    with pytest.raises(ValidationError, match="restart it first"):
        meds.take(med.id)
    deleted, doses = meds.delete_with_doses(med.id)
    assert [d.id for d in doses] == [first.id, second.id]
    assert [d.id for d in meds.doses()] == [kept.id]
    with pytest.raises(NotFound):
        meds.get(med.id)
    restored = meds.restore(deleted, doses)
    assert restored == deleted
    assert {d.id for d in meds.doses()} == {first.id, second.id, kept.id}
    assert meds.doses(medication_id=med.id)[-1] == first


def test_take_and_the_dose_log(meds, clock):
    med = meds.add(MedicationDraft("Ibuprofen", strength=400, as_needed=True))
    now = meds.take(med.id, amount=" 2  tablets", note="after lunch")
    assert now.at == clock.now() and now.amount == "2 tablets" and now.note == "after lunch"
    assert now.medication_name == "Ibuprofen" and now.medication_id == med.id
    india = meds.take(med.id, at=datetime(2026, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))))
    assert india.at.utcoffset() == timedelta(hours=5, minutes=30) and india.local_day == date(2026, 3, 1)
    assert meds.doses() == [now, india]  # newest first
    assert meds.doses(date(2026, 3, 2), None) == [now]
    assert meds.doses(None, date(2026, 3, 1)) == [india]
    assert meds.last_doses() == {med.id: now}
    with pytest.raises(ValidationError, match="in the future"):
        meds.take(med.id, at=clock.now() + timedelta(hours=2))
    with pytest.raises(ValidationError, match="reversed"):
        meds.doses(date(2026, 3, 2), date(2026, 3, 1))
    with pytest.raises(NotFound):
        meds.take(12345)
    gone = meds.delete_dose(india.id)
    assert meds.doses() == [now]
    assert meds.restore_dose(gone) == india
    with pytest.raises(NotFound, match="no logged dose"):
        meds.delete_dose(999)


def test_as_needed_uses_per_week(meds, clock):
    med = meds.add(MedicationDraft("Ibuprofen", as_needed=True, start=date(2025, 1, 1)))
    for days_ago in (0, 1, 1, 5, 13, 27, 28, 40):  # 28 and 40 days ago are outside 4 weeks
        meds.take(med.id, at=clock.now() - timedelta(days=days_ago))
    assert meds.as_needed_uses_per_week(med.id) == 1.5  # 6 uses in 4 weeks
    assert meds.as_needed_uses_per_week(med.id, weeks=1) == 4.0
    recent = meds.add(MedicationDraft("Tramadol", as_needed=True, start=date(2026, 2, 25)))  # 14 days ago
    for days_ago in range(7):
        meds.take(recent.id, at=clock.now() - timedelta(days=days_ago))
    assert meds.as_needed_uses_per_week(recent.id) == 3.5  # 7 uses in the 2 weeks since the start
    new = meds.add(MedicationDraft("Naproxen", as_needed=True, start=TODAY))
    meds.take(new.id)
    assert meds.as_needed_uses_per_week(new.id) == 1.0  # at least a week, never a blown-up rate
    with pytest.raises(ValidationError):
        meds.as_needed_uses_per_week(med.id, weeks=0)


def test_check_with_extra_items_saves_nothing(companion, meds):
    meds.add(MedicationDraft("Duloxetine", strength=60, times_per_day=1))
    meds.add(MedicationDraft("Ibuprofen", as_needed=True))
    meds.stop(meds.add(MedicationDraft("Tramadol")).id, on=date(2026, 3, 1))
    before = _snapshot(companion)
    result = meds.check()
    assert [i.input for i in result.items] == ["Duloxetine", "Ibuprofen"]  # stopped items are not checked
    assert all("Tramadol" not in w.items for w in result.warnings)
    extra = meds.check(["Ultram", "  ", "Cymbalto xyz"])
    assert [i.input for i in extra.items] == ["Duloxetine", "Ibuprofen", "Ultram", "Cymbalto xyz"]
    assert any(set(w.items) == {"Duloxetine", "Ultram"} and w.severity >= Severity.MAJOR for w in extra.warnings)
    assert extra.unrecognized == ["Cymbalto xyz"]
    assert _snapshot(companion) == before
    marks = meds.warning_marks()
    assert set(marks) == {
        m.id for m in meds.list_medications(include_stopped=False)
    }  # duloxetine + NSAID bleeding risk


def test_acetaminophen_today_from_schedule_and_log(meds, clock):
    percocet = meds.add(MedicationDraft("Percocet 5/325", times_per_day=4))
    tylenol = meds.add(MedicationDraft("Tylenol Extra Strength", as_needed=True))
    plain = meds.add(MedicationDraft("acetaminophen", strength=500, as_needed=True))
    meds.add(MedicationDraft("Ibuprofen", times_per_day=3))
    assert meds.acetaminophen_today().total_mg == 1300  # the schedule alone
    meds.take(tylenol.id, amount="2 tablets")
    meds.take(tylenol.id, at=clock.now() - timedelta(days=1))  # yesterday does not count
    meds.take(plain.id, amount="1000 mg")
    meds.take(percocet.id)  # one of the four planned doses: the plan still counts
    result = meds.acetaminophen_today()
    assert result.total_mg == 1300 + 1000 + 1000 and not result.over
    meds.take(plain.id, amount="2")
    over = meds.acetaminophen_today(liver_disease=True)
    assert over.total_mg == 4300 and over.over and over.limit_mg < 4000
    assert over.warning is not None and over.warning.kind == "daily-limit"
    assert set(over.warning.items) >= {"Percocet 5/325", "acetaminophen"}


def test_acetaminophen_counts_logged_doses_of_a_stopped_item_but_not_its_schedule(meds):
    med = meds.add(MedicationDraft("Tylenol", strength=500, times_per_day=4))
    assert meds.acetaminophen_today().total_mg == 2000
    meds.take(med.id)
    meds.stop(med.id)
    assert meds.acetaminophen_today().total_mg == 500


def test_mme_from_the_schedule(meds):
    meds.add(MedicationDraft("Percocet 5/325", times_per_day=4))  # 5 mg × 4 × 1.5 = 30
    meds.add(MedicationDraft("Tramadol", strength=50, times_per_day=2))  # 50 × 2 × 0.2 = 20
    meds.add(MedicationDraft("Oxycodone", strength=5, as_needed=True))  # no most-per-day: not counted
    meds.add(MedicationDraft("Duloxetine", strength=60, times_per_day=1))  # not an opioid: not listed
    meds.add(MedicationDraft("mystery tea"))  # not recognised: said so
    meds.stop(meds.add(MedicationDraft("Morphine", strength=30, times_per_day=2)).id)  # stopped: ignored
    result = meds.mme_per_day()
    assert result.total_mme_per_day == pytest.approx(50)
    assert {(line.drug, line.mme_per_day) for line in result.items} == {("Percocet 5/325", 30), ("Tramadol", 20)}
    reasons = {n.drug: n.reason for n in result.not_calculated}
    assert set(reasons) == {"Oxycodone", "mystery tea"}
    assert "most times a day" in reasons["Oxycodone"] and "Not recognised" in reasons["mystery tea"]
    patch = meds.add(MedicationDraft("fentanyl patch", strength=25, unit="mcg/hr", times_per_day=1 / 3))
    assert meds.mme_per_day().total_mme_per_day == pytest.approx(50 + 25 * 2.4)
    meds.delete(patch.id)
    meds.add(MedicationDraft("Percocet", strength=10, times_per_day=2))  # the opioid strength of a combination
    assert meds.mme_per_day().total_mme_per_day == pytest.approx(50 + 30)


def test_name_completions_include_brands_generics_and_synonyms(meds):
    names = meds.name_completions()
    folded = {n.casefold() for n in names}
    assert {"percocet", "duloxetine", "cymbalta", "kratom"} <= folded
    assert any("hypericum" in n for n in folded)  # a synonym of St John's wort
    assert len(folded) == len(names) and names == sorted(names, key=str.casefold)


def test_the_dataset_is_loaded_once_and_only_when_needed(companion):
    from paincompanion.interactions import load_dataset
    from paincompanion.services.medications import MedicationService

    calls = []

    def loader():
        calls.append(1)
        return load_dataset()

    service = MedicationService(companion._db, companion.clock, companion.changed, dataset_loader=loader)
    assert calls == []
    service.doses()
    assert calls == []
    service.add(MedicationDraft("Ibuprofen"))
    service.list_medications()
    service.check(["kratom"])
    assert calls == [1]


def test_every_change_is_announced_and_reads_are_not(meds, changes, clock):
    med = meds.add(MedicationDraft("Ibuprofen"))
    meds.update(med.id, MedicationDraft("Ibuprofen", strength=200))
    meds.stop(med.id)
    meds.restart(med.id)
    dose = meds.take(med.id)
    meds.delete_dose(dose.id)
    meds.restore_dose(dose)
    deleted, doses = meds.delete_with_doses(med.id)
    meds.restore(deleted, doses)
    assert changes == [Changes(medications=True)] * 9
    meds.list_medications(), meds.doses(), meds.check(["x"]), meds.acetaminophen_today(), meds.mme_per_day()
    assert len(changes) == 9
    with pytest.raises(ValidationError):
        meds.add(MedicationDraft(""))
    assert len(changes) == 9  # a refused change announces nothing


def test_undo_ops_round_trip(companion, meds, clock):
    history = UndoHistory()
    start = _snapshot(companion)
    add = AddMedicationOp(meds, MedicationDraft("Tramadol", strength=50, as_needed=True))
    history.run(add)
    assert add.label == "Add Tramadol"
    med_id = add.med.id
    take = TakeDoseOp(meds, med_id, amount="1")
    history.run(take)
    history.run(EditMedicationOp(meds, med_id, MedicationDraft("Tramadol", strength=100, as_needed=True)))
    history.run(StopMedicationOp(meds, med_id, on=TODAY))
    history.run(RestartMedicationOp(meds, med_id))
    history.run(DeleteDoseOp(meds, take.dose.id))
    full = _snapshot(companion)
    history.run(DeleteMedicationOp(meds, med_id))
    assert _snapshot(companion) == ([], [])
    states = []
    while history.can_undo:
        history.undo()
        states.append(_snapshot(companion))
    assert states[0] == full and states[-1] == start
    assert meds.list_medications() == []
    while history.can_redo:
        history.redo()
    assert _snapshot(companion) == ([], [])
    for _ in range(2):
        history.undo()
    assert meds.get(med_id).strength == 100 and meds.doses()[0].id == take.dose.id  # same ids after redo


def test_add_batch_is_all_or_nothing(companion, meds, clock):
    saved = meds.add(MedicationDraft("Ibuprofen"))
    at = clock.now() - timedelta(hours=1)
    ids = meds.add_batch([(MedicationDraft("Kratom", as_needed=True), [(at, "2 g", "")]), (saved.id, [(at, "", "")])])
    assert ids[1] == saved.id and len(meds.doses()) == 2
    before = _snapshot(companion)
    with pytest.raises(ValidationError):
        meds.add_batch([(MedicationDraft("Melatonin"), []), (MedicationDraft("x", strength=-1), [])])
    with pytest.raises(NotFound):
        meds.add_batch([(MedicationDraft("Melatonin"), []), (999, [(at, "", "")])])
    assert _snapshot(companion) == before


def test_restore_backup_gives_a_working_meds_service(companion):
    companion.meds.add(MedicationDraft("Ibuprofen"))
    info = companion.backups.create()
    companion.meds.add(MedicationDraft("Kratom"))
    companion.restore_backup(info.path.name)
    assert [m.name for m in companion.meds.list_medications()] == ["Ibuprofen"]


def test_saved_apap_answers_lower_the_limit_everywhere(meds, companion, changes):
    meds.add(MedicationDraft("Tylenol", strength=500, times_per_day=6))  # 3 000 mg planned
    assert meds.apap_profile() == {"liver_disease": False, "regular_alcohol": False}
    assert meds.apap_limit_notes() == []
    first = meds.acetaminophen_today()
    assert (first.total_mg, first.limit_mg, first.over) == (3000, 4000, False)
    meds.set_apap_profile(liver_disease=True)
    assert changes[-1].medications and changes[-1].settings
    assert meds.apap_profile() == {"liver_disease": True, "regular_alcohol": False}
    lowered = meds.acetaminophen_today()
    assert (lowered.limit_mg, lowered.over) == (2000, True)
    assert lowered.warning is not None and "2,000 mg" in lowered.warning.summary
    assert any("liver disease" in note for note in meds.apap_limit_notes())
    assert meds.acetaminophen_today(liver_disease=False).limit_mg == 4000  # an explicit answer wins
    meds.set_apap_profile(regular_alcohol=True)  # None leaves liver disease as it was
    assert meds.apap_profile() == {"liver_disease": True, "regular_alcohol": True}
    meds.set_apap_profile(liver_disease=False, regular_alcohol=False)
    assert meds.acetaminophen_today().limit_mg == 4000


def test_apap_answers_survive_reopening(app_paths, clock):
    from paincompanion.services.companion import Companion

    with Companion.open(app_paths, clock) as comp:
        comp.meds.set_apap_profile(regular_alcohol=True)
    with Companion.open(app_paths, clock) as comp:
        assert comp.meds.apap_profile()["regular_alcohol"] is True


def test_acetaminophen_on_a_past_day(meds, clock):
    med = meds.add(MedicationDraft("acetaminophen", strength=500, as_needed=True))
    meds.take(med.id, at=clock.now() - timedelta(days=2), amount="2")
    assert meds.acetaminophen_on(TODAY - timedelta(days=2)).total_mg == 1000
    assert meds.acetaminophen_on(TODAY).total_mg == 0
