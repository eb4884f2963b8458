"""ReportService (companion.reports): saved choices in the settings table, requests, building, writing."""

from datetime import date

import pytest

from paincompanion.domain.changes import Changes
from paincompanion.domain.diary import EntryDraft
from paincompanion.reports.summary import SECTION_KEYS, ReportError, ReportRequest
from paincompanion.services.companion import Companion
from paincompanion.services.startup import DeferredCompanion, open_for_gui
from paincompanion.storage import settings_repo

TODAY = date(2026, 3, 10)  # the `clock` fixture's day


def stored(companion, key):
    with companion._db.read() as conn:
        return settings_repo.get(conn, key)


def test_questions_name_and_paper_are_stored_in_the_settings_table(companion, app_paths, clock):
    reports = companion.reports
    assert (reports.questions(), reports.patient_name()) == ("", "")
    seen = []
    companion.changed.connect(seen.append)
    reports.set_questions("  Could the tramadol make me dizzy?\nWhat about physio?  ")
    reports.set_patient_name("  Jo   Example ")
    reports.set_paper("Letter")
    assert stored(companion, "report_questions") == "Could the tramadol make me dizzy?\nWhat about physio?"
    assert stored(companion, "report_patient_name") == "Jo Example"
    assert stored(companion, "report_paper") == "letter"
    assert seen and all(c == Changes(settings=True) for c in seen)
    companion.close()
    with Companion.open(app_paths, clock) as again:  # kept with the data
        assert again.reports.questions().startswith("Could the tramadol")
        assert (again.reports.patient_name(), again.reports.paper()) == ("Jo Example", "letter")


def test_bad_settings_are_refused_and_nothing_changes(companion):
    reports = companion.reports
    with pytest.raises(ReportError, match="a4 or letter"):
        reports.set_paper("a5")
    with pytest.raises(ReportError, match="longer"):
        reports.set_questions("?" * 2001)
    with pytest.raises(ReportError, match="longer"):
        reports.set_patient_name("x" * 101)
    assert stored(companion, "report_paper") is None and reports.questions() == ""


def test_paper_defaults_to_the_locale(companion, monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert companion.reports.paper() == "letter"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert companion.reports.paper() == "a4"
    companion.reports.set_paper("letter")
    assert companion.reports.paper() == "letter"


def test_mark_made_sets_the_next_default_period(companion):
    reports = companion.reports
    assert reports.last_summary_day() is None
    assert reports.default_period() == (date(2025, 12, 11), TODAY)
    reports.mark_made(date(2026, 2, 1))
    assert stored(companion, "report_last_summary") == "2026-02-01"
    assert reports.last_summary_day() == date(2026, 2, 1)
    request = reports.request_for()
    assert (request.start, request.end) == (date(2026, 2, 2), TODAY)
    reports.mark_made()
    assert reports.last_summary_day() == TODAY


def test_an_unreadable_last_summary_day_is_ignored(companion):
    with companion._db.write() as conn:
        settings_repo.put(conn, "report_last_summary", "not a date")
    assert companion.reports.last_summary_day() is None


def test_request_for_fills_the_saved_choices(companion, monkeypatch):
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    companion.reports.set_questions("Why?")
    companion.reports.set_patient_name("Jo")
    request = companion.reports.request_for(days=30)
    assert request == ReportRequest(date(2026, 2, 9), TODAY, SECTION_KEYS, "a4", "Why?", "Jo")
    request = companion.reports.request_for(start=date(2026, 1, 1), sections=["notes", "pain"], paper="letter")
    assert (request.start, request.end, request.sections, request.paper) == (
        date(2026, 1, 1),
        TODAY,
        ("pain", "notes"),
        "letter",
    )


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"days": 0}, "empty"),
        ({"days": 30, "start": date(2026, 1, 1)}, "not both"),
        ({"start": date(2026, 3, 1), "end": date(2026, 2, 1)}, "reversed"),
        ({"start": date(2026, 3, 1), "end": date(2026, 3, 11)}, "future"),
        ({"sections": ["pain", "weather"]}, "'weather'"),
        ({"paper": "a3"}, "'a3'"),
    ],
)
def test_request_for_refuses_bad_input_in_one_line(companion, kwargs, words):
    with pytest.raises(ReportError) as info:
        companion.reports.request_for(**kwargs)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_build_reads_the_diary(companion, clock):
    companion.diary.add(EntryDraft(clock.now(), 6, note="Tell the doctor", flagged=True))
    summary = companion.reports.build(companion.reports.request_for(days=7))
    assert summary.pain.n_entries == 1 and summary.pain.mean == 6.0
    assert [n.text for n in summary.notes.notes] == ["Tell the doctor"]
    assert summary.made_at == clock.now()


def test_write_makes_a_pdf_and_marks_the_summary_made(companion, tmp_path):
    path = tmp_path / "summary.pdf"
    summary = companion.reports.write(companion.reports.request_for(days=90), path)
    assert path.read_bytes().startswith(b"%PDF")
    assert summary.pain is not None and not summary.pain.has_data
    assert companion.reports.last_summary_day() == TODAY


def test_render_gives_pdf_bytes(companion):
    assert companion.reports.render(companion.reports.request_for(days=30)).startswith(b"%PDF")


def test_restore_backup_rebuilds_the_report_service(companion):
    companion.reports.set_questions("before the backup")
    backup = companion.backups.create(reason="manual")
    companion.reports.set_questions("after the backup")
    old = companion.reports
    companion.restore_backup(backup.path.name)
    assert companion.reports is not old
    assert companion.reports.questions() == "before the backup"
    assert companion.reports.source is companion


def test_the_deferred_companion_passes_reports_through(companion, app_paths, clock):
    companion.reports.set_patient_name("Jo")
    companion.close()
    opened = open_for_gui(app_paths, clock)
    try:
        assert isinstance(opened, DeferredCompanion)
        assert opened.reports.patient_name() == "Jo"
        assert opened.reports.build(opened.reports.request_for(days=7)).pain is not None
    finally:
        opened.close()
