"""Entries keep their instant and their local time across DST changes, zones and travel."""

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from paincompanion.domain.clock import FixedClock
from paincompanion.domain.diary import EntryDraft, EntryFilter
from paincompanion.services.companion import Companion

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo"]


def _transitions(zone: ZoneInfo, year: int) -> list[datetime]:
    """Local times one minute before each UTC-offset change in `year`."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=ZoneInfo("UTC"))
    previous = moment.astimezone(zone).utcoffset()
    while moment.year == year:
        local = moment.astimezone(zone)
        if local.utcoffset() != previous:
            found.append((moment - timedelta(minutes=1)).astimezone(zone))
            previous = local.utcoffset()
        moment += timedelta(minutes=30)
    return found


@pytest.mark.parametrize("zone_name", ZONES)
def test_entries_around_offset_changes_keep_instant_order_and_local_day(zone_name, app_paths):
    zone = ZoneInfo(zone_name)
    comp = Companion.open(app_paths, FixedClock(datetime(2026, 1, 1, tzinfo=zone)))
    moments = []
    for before in _transitions(zone, 2025) or [datetime(2025, 6, 1, 12, tzinfo=zone)]:
        for minutes in (0, 2, 31, 61):
            moments.append((before.astimezone(ZoneInfo("UTC")) + timedelta(minutes=minutes)).astimezone(zone))
    for i, moment in enumerate(moments):
        comp.diary.add(EntryDraft(at=moment, pain=i % 11, note=str(i)))
    stored = comp.diary.list_entries(newest_first=False)
    assert [e.at.timestamp() for e in stored] == sorted(m.timestamp() for m in moments)
    for entry in stored:
        original = moments[int(entry.note)]
        assert entry.at.timestamp() == original.timestamp()  # same instant
        assert entry.at.utcoffset() == original.utcoffset()  # same offset as when made
        assert entry.local_day == original.date()  # diary day as the patient lived it
        assert entry.at.strftime("%H:%M") == original.strftime("%H:%M")
    comp.close()


def test_ambiguous_hour_keeps_two_distinct_entries(app_paths):
    berlin = ZoneInfo("Europe/Berlin")
    first = datetime(2025, 10, 26, 2, 30, tzinfo=berlin, fold=0)
    second = datetime(2025, 10, 26, 2, 30, tzinfo=berlin, fold=1)
    comp = Companion.open(app_paths, FixedClock(datetime(2026, 1, 1, tzinfo=berlin)))
    comp.diary.add(EntryDraft(at=second, pain=2, note="second"))
    comp.diary.add(EntryDraft(at=first, pain=1, note="first"))
    stored = comp.diary.list_entries(newest_first=False)
    assert [e.note for e in stored] == ["first", "second"]
    assert [e.at.utcoffset() for e in stored] == [timedelta(hours=2), timedelta(hours=1)]
    assert len(comp.diary.list_entries(EntryFilter(date_from=first.date(), date_to=first.date()))) == 2
    comp.close()


def test_travel_keeps_each_entry_in_its_own_local_time(app_paths):
    tokyo, new_york = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")
    comp = Companion.open(app_paths, FixedClock(datetime(2026, 3, 9, 12, tzinfo=new_york)))
    comp.diary.add(EntryDraft(at=datetime(2026, 3, 8, 23, 0, tzinfo=tokyo), pain=3, note="tokyo night"))
    comp.diary.add(EntryDraft(at=datetime(2026, 3, 8, 9, 0, tzinfo=new_york), pain=5, note="new york morning"))
    stored = comp.diary.list_entries(newest_first=False)
    # 09:00 in New York (EDT) is 13:00 UTC; 23:00 in Tokyo is 14:00 UTC: sorted by instant,
    # each still shown at its own local time.
    assert [e.note for e in stored] == ["new york morning", "tokyo night"]
    assert [(e.local_day.day, e.at.hour) for e in stored] == [(8, 9), (8, 23)]
    comp.close()


@pytest.mark.parametrize(
    ("tz", "at", "offset"),
    [
        ("Europe/Berlin", "2025-10-26T02:30", "+02:00"),  # ambiguous: the first 02:30
        ("Europe/Berlin", "2025-07-01T12:00", "+02:00"),
        ("America/New_York", "2025-01-15T08:00", "-05:00"),
        ("Asia/Kolkata", "2025-01-15T08:00", "+05:30"),
    ],
)
def test_cli_reads_naive_times_in_the_system_zone(tz, at, offset, tmp_path):
    env = {**os.environ, "TZ": tz, "PAINCOMPANION_HOME": str(tmp_path)}
    cmd = [sys.executable, "-m", "paincompanion", "--json", "log", "--pain", "4", "--at", at]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["entry"]["at"] == f"{at}:00{offset}"
