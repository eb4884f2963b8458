"""Rows crossing storage -> services -> reports are named (domain/period_rows.py), read by name, not by index."""

from __future__ import annotations

from datetime import timedelta

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.domain.period_rows import EntryPoint, FlaggedNote, LocationStat, NameCount, PegRow, TagStat

BACK = "back-left-lower-back"


def test_the_period_rows_are_named_and_hold_what_was_written(companion, clock):
    now = clock.now()
    companion.diary.add(
        EntryDraft(
            at=now - timedelta(hours=2), pain=6, locations=(LocationPain(BACK, 7),), qualities=("aching",),
            mood=4, sleep_hours=6.5, sleep_quality=5, activity="walk", activity_level=3, triggers=("cold",),
            helped=("heat",), note="for the doctor", flagged=True,
        )
    )  # fmt: skip
    companion.diary.add_peg(5, 6, 7, at=now - timedelta(hours=1))
    day = now.date()
    rows = companion.reports.period_rows(day - timedelta(days=1), day)

    (point,) = rows.points
    assert isinstance(point, EntryPoint)
    assert (point.day, point.pain, point.mood, point.sleep_hours, point.sleep_quality, point.activity_level) == (
        day.isoformat(), 6, 4, 6.5, 5, 3,
    )  # fmt: skip
    assert point.utc_offset == 60 and point.at_utc == int((now - timedelta(hours=2)).timestamp())
    assert rows.locations == [LocationStat(BACK, 1, 7.0)] and isinstance(rows.locations[0], LocationStat)
    assert rows.qualities == [NameCount("aching", 1)] and isinstance(rows.qualities[0], NameCount)
    assert rows.activities == [NameCount("walk", 1)]
    assert sorted(rows.tags) == [TagStat("helped", "heat", 1, 6.0), TagStat("trigger", "cold", 1, 6.0)]
    assert all(isinstance(t, TagStat) for t in rows.tags)
    (flagged,) = rows.flagged
    assert isinstance(flagged, FlaggedNote) and (flagged.pain, flagged.note) == (6, "for the doctor")
    (peg,) = rows.peg
    assert isinstance(peg, PegRow) and (peg.pain, peg.enjoyment, peg.activity) == (5, 6, 7)
