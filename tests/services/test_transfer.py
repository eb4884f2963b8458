"""Export/import: lossless JSON round trip, formula-safe CSV, malformed files rejected cleanly."""

import csv
import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paincompanion.domain.body import REGIONS
from paincompanion.domain.clock import FixedClock
from paincompanion.domain.diary import PAIN_QUALITIES, EntryDraft, LocationPain
from paincompanion.errors import ImportFormatError
from paincompanion.paths import AppPaths
from paincompanion.services import transfer

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=1)))
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
score = st.one_of(st.none(), st.integers(0, 10))
tag = st.text("abcdefghij =+-@", min_size=1, max_size=12).filter(lambda t: t.strip())

drafts = st.builds(
    EntryDraft,
    at=st.datetimes(datetime(2000, 1, 1), datetime(2026, 3, 1), timezones=st.sampled_from(
        [timezone.utc, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))])),
    pain=st.integers(0, 10),
    locations=st.lists(st.builds(LocationPain, st.sampled_from([r.id for r in REGIONS]), score),
                       max_size=3, unique_by=lambda loc: loc.region).map(tuple),
    qualities=st.lists(st.sampled_from(PAIN_QUALITIES), max_size=3, unique=True).map(tuple),
    mood=score,
    sleep_hours=st.one_of(st.none(), st.sampled_from([0.0, 4.5, 6.0, 7.25, 12.0])),
    sleep_quality=score,
    activity=st.text("abc xyz", max_size=10),
    activity_level=score,
    triggers=st.lists(tag, max_size=2).map(tuple),
    helped=st.lists(tag, max_size=2).map(tuple),
    note=text,
)  # fmt: skip


def _comparable(companion):
    return [transfer.entry_record(e) for e in companion.diary.list_entries(newest_first=False)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(drafts, min_size=1, max_size=6))
def test_json_and_csv_round_trip_losslessly(tmp_path_factory, open_new_diary, entries):
    root = tmp_path_factory.mktemp("rt")
    source = open_new_diary(AppPaths.in_dir(root / "a"), FixedClock(NOW))
    source.diary.add_many(entries)
    source.diary.add_peg(5, 6, 7, at=NOW - timedelta(days=1))
    transfer.export_json(source, root / "x.json")
    transfer.export_csv(source, root / "x.csv")
    expected = _comparable(source)
    for name in ("x.json", "x.csv"):
        target = open_new_diary(AppPaths.in_dir(root / f"db-{name}"), FixedClock(NOW))
        result = transfer.import_file(target, root / name)
        assert not [s for s in result.skipped if s["reason"] != "already in the diary"]
        got = _comparable(target)
        # entries equal in time, pain and note within one export are all kept (only what was there is skipped)
        assert sorted(map(repr, got)) == sorted(map(repr, expected))
        if name == "x.json":
            assert [p.score for p in target.diary.peg_history()] == [6.0]
        target.close()
    source.close()


@given(st.text(max_size=30))
def test_escaped_cells_never_start_a_formula_and_unescape_exactly(value):
    cell = transfer.escape_cell(value)
    assert not cell.lstrip(" ").startswith(transfer.FORMULA_STARTS)
    assert transfer.unescape_cell(cell) == value


def test_csv_numbers_stay_numbers(companion, tmp_path):
    companion.diary.add(EntryDraft(at=NOW, pain=3, mood=4, sleep_hours=6.5, note="-1 is not a formula"))
    transfer.export_csv(companion, tmp_path / "x.csv")
    row = next(csv.DictReader((tmp_path / "x.csv").open(newline="")))
    assert row["pain"] == "3" and row["sleep_hours"] == "6.5" and row["note"] == "'-1 is not a formula"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("{not json", "x.json", "not valid JSON"),
        ('{"format": "other"}', "x.json", "not a Pain Companion export"),
        ('{"format": "paincompanion", "format_version": 99}', "x.json", "newer Pain Companion"),
        ("date;pain\n2026-01-01;4\n", "x.csv", "needs 'at' and 'pain'"),
        ("\x00\x01binary", "x.bin", "neither"),
    ],
)
def test_malformed_files_are_rejected_with_a_message_and_nothing_changes(companion, tmp_path, content, name, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ImportFormatError, match=message):
        transfer.import_file(companion, path)
    assert companion.diary.count() == 0


def test_bad_rows_are_skipped_with_line_numbers_and_the_rest_imported(companion, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        "at,pain,note\n"
        "2026-01-01T10:00:00+01:00,4,fine\n"
        "2026-01-02T10:00:00+01:00,eleven,bad pain\n"
        "2099-01-02T10:00:00+01:00,3,future\n"
        "not a date,3,bad date\n"
        '2026-01-03T10:00:00+01:00,5,"multi\nline"\n'
    )
    result = transfer.import_file(companion, path, dry_run=True)
    assert companion.diary.count() == 0
    assert result.entries == 2
    assert [s["line"] for s in result.skipped] == [3, 4, 5]
    assert "future" in result.skipped[1]["reason"]
    result = transfer.import_file(companion, path)
    assert [e.note for e in companion.diary.list_entries(newest_first=False)] == ["fine", "multi\nline"]
    assert any(b.reason == "pre-import" for b in companion.backups.list_backups())
    assert json.dumps(result.to_json())


def test_export_to_an_unwritable_place_says_so(companion, tmp_path):
    with pytest.raises(Exception, match="Cannot write|folder"):
        transfer.export_json(companion, tmp_path / "missing-dir" / "x.json")
