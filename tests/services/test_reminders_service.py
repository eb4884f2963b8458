"""ReminderService over a real database: choices saved, state kept across restarts, taken/snooze/done."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

import pytest

from paincompanion.domain.diary import EntryDraft
from paincompanion.domain.medications import MedicationDraft
from paincompanion.domain.reminders import MISSED, SNOOZED
from paincompanion.errors import ValidationError
from paincompanion.services.companion import Companion
from paincompanion.services.reminders import ReminderService, ReminderSettings, local_zone
from paincompanion.storage import settings_repo

PARIS = ZoneInfo("Europe/Paris")  # the fixture clock's +01:00 in March


@pytest.fixture
def service(companion) -> ReminderService:
    companion.reminders.tz = PARIS
    return companion.reminders


def revision(companion) -> str:
    with companion._db.read() as conn:
        return settings_repo.get(conn, "data_revision", "0")


def test_reminders_are_off_by_default_and_fire_nothing(service, clock):
    assert service.settings() == ReminderSettings()
    assert service.settings().enabled is False
    clock.advance(hours=12)
    assert service.check().fire == () and service.open_reminders() == []


def test_settings_round_trip_and_bad_times_are_refused(service, companion):
    saved = service.save_settings(ReminderSettings(True, ("20:00", time(8, 15)), {3: ("07:30",)}, False))
    assert saved == ReminderSettings(True, (time(8, 15), time(20)), {3: (time(7, 30),)}, False)
    assert service.settings() == saved
    with pytest.raises(ValidationError, match="check-in time must be a time like 09:00"):
        service.save_settings(ReminderSettings(True, ("noon",)))
    assert service.settings() == saved  # nothing lost


def test_scheduled_medicines_get_suggested_or_chosen_times(service, companion):
    twice = companion.meds.add(MedicationDraft("Naproxen", strength=250, times_per_day=2))
    companion.meds.add(MedicationDraft("Ibuprofen", times_per_day=3, as_needed=True))
    companion.meds.add(MedicationDraft("Vitamin D"))  # no schedule given
    weekly = companion.meds.add(MedicationDraft("Methotrexate", times_per_day=1 / 7))
    assert weekly.schedule_text == "once a week"
    found = service.scheduled_medicines()
    assert [(s.medication.name, s.times, s.suggested) for s in found] == [("Naproxen", (time(8), time(20)), True)]
    service.save_settings(ReminderSettings(True, dose_times={twice.id: (time(7), time(19))}))
    assert [(s.times, s.suggested) for s in service.scheduled_medicines()] == [((time(7), time(19)), False)]
    assert [d.times for d in service.plan().doses] == [(time(7), time(19))]


def test_due_taken_logs_a_dose_and_closes(service, companion, clock):
    med = companion.meds.add(MedicationDraft("Naproxen", times_per_day=1))
    service.save_settings(ReminderSettings(True, (), {med.id: (time(10),)}))
    assert service.check().fire == ()
    clock.advance(minutes=30)  # 10:00
    fired = service.check().fire
    assert [r.title for r in fired] == ["Time for Naproxen"]
    dose = service.taken(fired[0].key)
    assert dose is not None and dose.medication_id == med.id and dose.at == clock.now()
    assert [d.id for d in companion.meds.doses()] == [dose.id]
    assert service.open_reminders() == []
    with pytest.raises(ValidationError, match="no longer open"):
        service.taken(fired[0].key)


def test_checkin_done_snooze_and_dismiss(service, clock):
    service.save_settings(ReminderSettings(True, (time(10), time(11))))
    clock.advance(minutes=31)  # 10:01
    key = service.check().fire[0].key
    assert service.snooze(key, 30).status == SNOOZED
    clock.advance(minutes=30)  # 10:31
    assert [r.key for r in service.check().fire] == [key]
    service.done(key)
    clock.advance(minutes=30)  # 11:01
    second = service.check().fire[0].key
    service.dismiss(second)
    assert service.open_reminders() == []


def test_missed_while_closed_are_shown_at_the_next_start(app_paths, clock):
    with Companion.open(app_paths, clock) as first:
        first.reminders.tz = PARIS
        first.reminders.save_settings(ReminderSettings(True, (time(12), time(20))))
        first.reminders.check()
    clock.advance(hours=12)  # 21:30: the app was closed through 12:00 and 20:00
    with Companion.open(app_paths, clock) as second:
        second.reminders.tz = PARIS
        check = second.reminders.check()
        assert check.fire == ()
        assert [r.slot for r in check.missed] == [time(12), time(20)]
        assert [r.status for r in second.reminders.missed()] == [MISSED, MISSED]
    clock.advance(days=3)
    with Companion.open(app_paths, clock) as third:  # away for days: only the last 24 hours
        third.reminders.tz = PARIS
        assert [r.slot for r in third.reminders.check().missed] == [time(12), time(20)]
        assert all(r.day.isoformat() == "2026-03-13" for r in third.reminders.missed())


def test_turning_reminders_on_late_in_the_day_reports_nothing_missed(service, clock):
    service.check()
    clock.advance(hours=12)
    service.save_settings(ReminderSettings(True, (time(9), time(12))))
    assert service.check().missed == ()


def test_a_stopped_medicine_loses_its_open_reminders(service, companion, clock):
    med = companion.meds.add(MedicationDraft("Naproxen", times_per_day=1))
    service.save_settings(ReminderSettings(True, (), {med.id: (time(9, 45),)}))
    clock.advance(minutes=15)
    assert len(service.check().fire) == 1
    companion.meds.update(med.id, MedicationDraft("Naproxen", times_per_day=1, as_needed=True))
    service.check()
    assert service.open_reminders() == []


def test_settle_closes_reminders_already_answered(service, companion, clock):
    med = companion.meds.add(MedicationDraft("Naproxen", times_per_day=1))
    service.save_settings(ReminderSettings(True, (time(9, 45),), {med.id: (time(9, 45),)}))
    clock.advance(minutes=15)
    assert len(service.check().fire) == 2
    assert service.settle() == []
    companion.diary.add(EntryDraft(at=clock.now(), pain=4))
    assert [r.kind for r in service.settle()] == ["checkin"]
    companion.meds.take(med.id)
    assert [r.name for r in service.settle()] == ["Naproxen"]
    assert service.open_reminders() == []


def test_reminder_state_does_not_count_as_a_data_change(service, companion, clock):
    service.save_settings(ReminderSettings(True, (time(9, 45),)))
    before = revision(companion)
    clock.advance(minutes=15)
    key = service.check().fire[0].key
    service.snooze(key, 10)
    service.close(key)
    assert revision(companion) == before


def test_tray_notice_is_remembered(service, app_paths, clock, companion):
    assert service.tray_notice_shown is False
    service.mark_tray_notice_shown()
    assert companion.reminders.tray_notice_shown is True


def test_unreadable_saved_values_fall_back_to_defaults(service, companion):
    with companion._db.write() as conn:
        settings_repo.put(conn, "reminders_settings", "{not json")
        settings_repo.put(conn, "reminders_state", "[1, 2]")
    fresh = ReminderService(companion._db, companion.clock, companion.changed, companion.meds, PARIS)
    assert fresh.settings() == ReminderSettings()
    assert fresh.open_reminders() == []


def test_local_zone_follows_tz(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    assert local_zone() == ZoneInfo("Europe/London")
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_zone() is not None
