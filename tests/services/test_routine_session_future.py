"""Routine sessions cannot be dated in the future (like diary entries and doses): logged, bulk-added or imported."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from paincompanion.domain.routine_log import LoggedSession
from paincompanion.errors import ValidationError
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.services.transfer import export_json, import_file


@pytest.mark.parametrize("ahead", [timedelta(minutes=6), timedelta(days=365), None])
def test_logging_a_session_in_the_future_is_refused(companion, clock, ahead):
    start = datetime(9998, 12, 31, 10, tzinfo=timezone.utc) if ahead is None else clock.now() + ahead
    with pytest.raises(ValidationError, match="in the future"):
        companion.routines.log_session("body-scan", start, before=None, after=None, completed_steps=1, total_steps=1)
    assert companion.routines.sessions() == []


def test_a_little_clock_drift_is_allowed(companion, clock):
    start = clock.now() + timedelta(minutes=4)
    companion.routines.log_session("body-scan", start, before=None, after=None, completed_steps=1, total_steps=1)
    assert len(companion.routines.sessions()) == 1


def test_bulk_added_sessions_are_checked_too(companion, clock):
    future = LoggedSession(0, "body-scan", "Body scan", "relaxation", clock.now() + timedelta(days=2), 10, None, None)
    with pytest.raises(ValidationError, match="in the future"):
        companion.routines.add_sessions([future])
    assert companion.routines.sessions() == []


def test_an_imported_session_dated_9998_is_skipped_with_its_reason(companion, clock, tmp_path):
    companion.routines.log_session("body-scan", clock.now(), before=3, after=2, completed_steps=1, total_steps=1)
    path = tmp_path / "out.json"
    export_json(companion, path)
    doc = json.loads(path.read_text())
    doc["routines"]["sessions"][0]["started"] = "9998-06-01T10:00:00+00:00"
    path.write_text(json.dumps(doc))
    with Companion.open(AppPaths.in_dir(tmp_path / "other"), clock) as other:
        result = import_file(other, path)
        assert other.routines.sessions() == []
        assert any("in the future" in skip["reason"] for skip in result.skipped)
