"""Hostile files for our own import: each ends in a plain message or a plain skip reason, never a traceback,
and a refused file writes nothing (not even the pre-import backup). The dry run finds all the real one would."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import ImportFormatError, PainCompanionError
from paincompanion.importers import common
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion

from ..conftest import NOW

LONG = "9" * 5000  # longer than Python's int-to-string limit (4300 digits)
AT = "2026-01-01T10:00:00+01:00"
#: Python's own error texts, which must never reach a skip reason or a message.
PYTHON_TEXT = re.compile(
    r"indices must be|object is not|has no attribute|invalid literal|NoneType|not supported between|"
    r"argument must be|unhashable|codec|Exceeds the limit|out of range|unexpected keyword|positional argument|"
    r"object of type|Traceback|^'[^']*'$"
)


def assert_plain(reason: str) -> None:
    assert reason and not PYTHON_TEXT.search(reason), reason
    assert len(reason) < 400, reason


def _doc(**parts) -> dict:
    return {"format": "paincompanion", "format_version": 1, **parts}


def _state(companion) -> tuple:
    return (
        companion.diary.count(),
        len(companion.diary.peg_history()),
        len(companion.meds.list_medications()),
        len(companion.meds.doses()),
        len(companion.routines.sessions()),
        len(companion.routines.user_routines()),
        len(companion.backups.list_backups()),
        companion.settings.items(),
    )


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _refused(companion, path, match: str) -> None:
    """Refused the same way by the dry run and the real import, with nothing written."""
    before = _state(companion)
    for dry_run in (True, False):
        with pytest.raises(ImportFormatError, match=match) as caught:
            transfer.import_file(companion, path, dry_run=dry_run)
        assert_plain(str(caught.value))
    assert _state(companion) == before


def _skipped(companion, path, *, adds: bool = False) -> list[dict]:
    """Both runs agree; the bad rows are skipped with plain reasons (and, unless `adds`, nothing is added)."""
    before = _state(companion)
    preview = transfer.import_file(companion, path, dry_run=True)
    result = transfer.import_file(companion, path)
    assert preview.skipped == result.skipped and result.skipped
    for skip in result.skipped:
        assert_plain(skip["reason"])
    if not adds:
        assert not result.adds_anything and _state(companion) == before
    return result.skipped


# --- numbers longer than Python's int-to-string limit ------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    [
        _doc(entries=[{"at": AT, "pain": "LONG"}]),
        _doc(entries=[{"at": AT, "pain": 3, "mood": "LONG"}]),
        _doc(entries=[{"at": AT, "pain": 3, "locations": [{"region": "front-head", "intensity": "LONG"}]}]),
        _doc(peg=[{"at": AT, "pain": "LONG", "enjoyment": 1, "activity": 1}]),
        _doc(medications=[{"name": "Ibuprofen", "strength": "LONG"}]),
        _doc(format_version="LONG"),
    ],
    ids=["pain", "mood", "place", "peg", "strength", "format_version"],
)
def test_a_json_number_longer_than_pythons_limit_refuses_the_file(companion, tmp_path, document):
    path = _write(tmp_path, "x.json", json.dumps(document).replace('"LONG"', LONG))
    _refused(companion, path, "5,000 digits long")


@pytest.mark.parametrize(
    ("column", "named"),
    [("pain", "Pain"), ("mood", "Mood"), ("sleep_quality", "Sleep quality"), ("activity_level", "Activity level"),
     ("locations", "The pain in front-head"), ("sleep_hours", "Hours of sleep")],
)  # fmt: skip
def test_a_csv_number_longer_than_pythons_limit_skips_its_row_naming_the_field(companion, tmp_path, column, named):
    row = {"at": AT, "pain": "3", column: f"front-head={LONG}" if column == "locations" else LONG}
    path = _write(tmp_path, "x.csv", ",".join(row) + "\n" + ",".join(row.values()) + "\n")
    [skip] = _skipped(companion, path)
    assert skip["line"] == 2 and skip["reason"].startswith(named) and "5,000-character" in skip["reason"]


def test_long_numbers_in_other_apps_files_are_skipped_too(companion, tmp_path):
    path = _write(tmp_path, "x.csv", f"date,pain,mood\n2026-01-01,{LONG},3\n2026-01-02,3,{LONG}\n")
    skipped = _skipped(companion, path)
    assert [s["reason"].split()[0] for s in skipped] == ["Pain", "Mood"]


# --- odd JSON ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["x", "1", [1], {"v": 1}, 1.0, 0, -1, True, None])
def test_an_odd_format_version_is_refused_with_a_message(companion, tmp_path, version):
    path = _write(tmp_path, "x.json", json.dumps(_doc(format_version=version)))
    _refused(companion, path, "format_version")


@pytest.mark.parametrize("text", ['{"format": "paincompanion", "format_version": 1e400}',
                                  '{"format": "paincompanion", "format_version": NaN}'])  # fmt: skip
def test_a_format_version_that_is_not_finite_is_refused(companion, tmp_path, text):
    _refused(companion, _write(tmp_path, "x.json", text), "format_version")


@pytest.mark.parametrize("depth", [25, 100_000])
def test_deeply_nested_json_is_refused(companion, tmp_path, depth):
    text = '{"format": "paincompanion", "entries": [' + "[" * depth + "]" * depth + "]}"
    _refused(companion, _write(tmp_path, "x.json", text), "nested more than 20 deep")


@pytest.mark.parametrize(
    ("document", "where"),
    [
        (_doc(entries=[{"at": AT, "pain": 3, "note": "a\ud800b"}]), "entries → 1 → note"),
        (_doc(medications=[{"name": "Ibu\udc00"}]), "medications → 1 → name"),
        (_doc(settings={"report_questions": "\udfff"}), "settings → report_questions"),
        (_doc(routines={"sessions": [{"note": "x\ud83d"}]}), "routines → sessions → 1 → note"),
        (_doc(settings={"\ud800": "1"}), "settings → \\ud800"),
    ],
)
def test_a_lone_surrogate_is_caught_by_the_dry_run_and_nothing_is_written(companion, tmp_path, document, where):
    """Before: the dry run passed and the real import crashed after its backup (UnicodeEncodeError)."""
    companion.diary.add(EntryDraft(at=NOW - timedelta(days=1), pain=2))
    path = _write(tmp_path, "x.json", json.dumps(document))  # ensure_ascii: "\ud800" as an escape
    _refused(companion, path, "not valid Unicode")
    with pytest.raises(ImportFormatError) as caught:
        transfer.import_file(companion, path, dry_run=True)
    assert where.split(" → ")[0] in str(caught.value)


# --- years ---------------------------------------------------------------------------------------------------


WHENS = ["0001-01-01T00:00:00+05:00", "0001-01-01T00:00:00", "1899-12-31T23:00:00", "9999-12-31T23:59:59-05:00",
         "9999-12-31T23:59:59", "2999-01-01T10:00:00+00:00"]  # fmt: skip


@pytest.mark.parametrize("when", WHENS)
def test_years_before_1900_or_far_ahead_are_skipped_everywhere(companion, tmp_path, when):
    session = {"started": when, "routine_id": "body-scan", "title": "Body scan", "kind": "body-scan", "minutes": 5,
               "before": 5, "after": 4, "note": "", "completed_steps": 1, "total_steps": 1}  # fmt: skip
    document = _doc(
        entries=[{"at": when, "pain": 3}],
        peg=[{"at": when, "pain": 1, "enjoyment": 2, "activity": 3}],
        medications=[{"name": "Ibuprofen", "start": when[:10], "doses": []},
                     {"name": "Paracetamol", "doses": [{"at": when, "amount": "1"}]}],
        routines={"sessions": [session],
                  "worksheets": [{"routine_id": "thought-record", "title": "", "at": when, "answers": {}}]},
    )  # fmt: skip
    path = _write(tmp_path, "x.json", json.dumps(document))
    before = _state(companion)
    result = transfer.import_file(companion, path)
    lines = [s["line"] for s in result.skipped]
    assert {1, "peg 1", "medication 2 dose 1", "routine session 1", "worksheet 1"} <= set(lines)
    for skip in result.skipped:
        assert_plain(skip["reason"])
    # only the medicine without doses may come in (a start date in 9999 is refused as in the future)
    assert result.entries == result.peg == result.doses == result.routines == 0
    assert _state(companion)[0] == before[0]
    csv_path = _write(tmp_path, "x.csv", f"at,pain\n{when},3\n")
    [skip] = _skipped(companion, csv_path)
    assert skip["line"] == 2


# --- CSV cells -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["x.csv", "generic.csv"])
def test_a_csv_cell_over_the_csv_modules_limit_is_refused_naming_the_line(companion, tmp_path, name):
    header = "at,pain,note" if name == "x.csv" else "date,pain,note"
    first = AT if name == "x.csv" else "2026-01-01"
    big = "x" * (csv.field_size_limit() + 1)
    path = _write(tmp_path, name, f'{header}\n{first},3,fine\n{first},4,"{big}"\n')
    _refused(companion, path, "near line 3 is longer than 131,072 characters")


# --- formula escaping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("note", ["''=1+1", "'=1+1", "=1+1", "'''@x", "' =x", " '=x", "'", "''", "'a", "-1"])
def test_csv_formula_guard_round_trips_these_notes_exactly(tmp_path, note):
    cell = transfer.escape_cell(note)
    assert not cell.lstrip(" ").startswith(transfer.FORMULA_STARTS)
    assert transfer.unescape_cell(cell) == note


#: Texts shaped like the awkward cases: apostrophes, spaces, then a formula character (or not), then anything.
FORMULA_LIKE = st.tuples(
    st.text("'", max_size=3),
    st.text(" ", max_size=2),
    st.sampled_from([*transfer.FORMULA_STARTS, "a", "'", ""]),
    st.text(max_size=6),
).map("".join)


@given(FORMULA_LIKE | st.text(max_size=20))
def test_escape_and_unescape_are_exact_inverses(value):
    cell = transfer.escape_cell(value)
    assert not cell.lstrip(" ").startswith(transfer.FORMULA_STARTS)
    assert transfer.unescape_cell(cell) == value
    if not value.startswith("'"):  # a cell export did not write is taken as it is
        assert transfer.unescape_cell(value) == value or value.lstrip(" ")[:1] in transfer.FORMULA_STARTS


NOTES = st.text(max_size=30) | FORMULA_LIKE


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(NOTES, min_size=1, max_size=5))
def test_any_note_text_survives_a_csv_round_trip(companion, tmp_path, open_new_diary, notes):
    """Each example adds its notes to `companion` (at times no other example uses), exports it as CSV and imports
    that into a second diary: both then hold the same notes."""
    target = open_new_diary(AppPaths.in_dir(tmp_path / "target"), _clock())
    start = NOW - timedelta(days=companion.diary.count() + 1)
    for n, note in enumerate(notes):
        companion.diary.add(EntryDraft(at=start - timedelta(minutes=n), pain=n % 11, note=note))
    transfer.export_csv(companion, tmp_path / "x.csv")
    transfer.import_file(target, tmp_path / "x.csv")
    assert sorted(e.note for e in target.diary.list_entries()) == sorted(e.note for e in companion.diary.list_entries())
    target.close()


def _clock():
    from paincompanion.domain.clock import FixedClock

    return FixedClock(NOW)


# --- wrong types and plain skip reasons ------------------------------------------------------------------


def test_wrong_kinds_of_value_are_skipped_with_a_sentence_naming_the_field(companion, tmp_path):
    document = _doc(
        entries=[
            "abc",
            {"at": AT, "pain": 3, "note": ["a list"]},
            {"at": AT, "pain": 3, "triggers": [1, 2]},
            {"at": AT, "pain": [3]},
            {"at": 5, "pain": 3},
            {"at": AT, "pain": 3, "locations": ["nowhere"]},
            {"at": AT, "pain": 3, "locations": [{"region": {"x": 1}}]},
            {"at": AT},
        ],
        peg=["x", {"at": AT}, {"at": AT, "pain": "a", "enjoyment": 1, "activity": 1}],
        medications=[{"name": "Ibuprofen", "doses": [{"at": AT, "amount": [1, 2]}, {"at": AT, "amount": 2},
                                                     {"at": AT, "note": {"x": 1}}, "x"]},
                     {"name": ["Ibuprofen"]}, {"name": "X", "start": 20260101}, {"name": "Y", "doses": "x"}],
        routines={"sessions": ["abc", {"started": AT}, {"started": AT, "routine_id": "body-scan", "minutes": "x"}],
                  "worksheets": ["x", {"routine_id": "thought-record", "at": AT, "answers": {"a": 1}}],
                  "user_routines": ["y", {"id": 5}, {"id": "calm"}], "favourites": [5, "no-such-routine"]},
        settings={"report_paper": "Z9", "apap_liver_disease": "maybe", "report_last_summary": "0001-01-01",
                  "reminders_settings": "[1]", "no_such_setting": "1", "report_patient_name": ["x"]},
    )  # fmt: skip
    path = _write(tmp_path, "x.json", json.dumps(document))
    skipped = _skipped(companion, path, adds=True)  # the first medicine, without its doses
    reasons = {str(s["line"]): s["reason"] for s in skipped}
    assert len(skipped) == 34, reasons
    assert reasons["2"] == "The note must be text, not a list."
    assert "paper size 'Z9'" in reasons["setting report_paper"]
    assert "amount" in reasons["medication 1 dose 1"] and "not a list" in reasons["medication 1 dose 1"]
    assert "amount" in reasons["medication 1 dose 2"] and "not 2" in reasons["medication 1 dose 2"]
    assert "not one this version" in reasons["setting no_such_setting"]
    assert "no routine with the id 'no-such-routine'" in reasons["favourite 2"]


def test_a_routines_part_of_the_wrong_shape_is_listed_not_a_crash(companion, tmp_path):
    document = _doc(routines={"sessions": "abc", "worksheets": 5, "user_routines": {}, "favourites": 5})
    skipped = _skipped(companion, _write(tmp_path, "x.json", json.dumps(document)))
    assert [s["line"] for s in skipped] == ["own routines", "routine sessions", "worksheets", "favourite routines"]


def _own_routine(rid: str, title: str) -> dict:
    return {"id": rid, "title": title, "kind": "relaxation", "minutes": 3, "steps": [{"text": "Breathe out slowly."}]}


def test_duplicate_own_routine_ids_are_listed_as_skipped(companion, tmp_path):
    document = _doc(routines={"user_routines": [_own_routine("user-calm", "Calm"), _own_routine("user-calm", "Other"),
                                                _own_routine("calm", "No prefix")]})  # fmt: skip
    path = _write(tmp_path, "x.json", json.dumps(document))
    result = transfer.import_file(companion, path)
    assert result.routines == 1 and [u.title for u in companion.routines.user_routines()] == ["Calm"]
    assert [s["line"] for s in result.skipped] == ["own routine 2", "own routine 3"]
    assert "also used by own routine 1" in result.skipped[0]["reason"]
    assert "start with 'user-'" in result.skipped[1]["reason"]
    # the same again: the identical one is simply there; one of the same id with other content is listed
    document["routines"]["user_routines"] = [_own_routine("user-calm", "Calm"), _own_routine("user-calm", "New")]
    again = transfer.import_file(companion, _write(tmp_path, "y.json", json.dumps(document)))
    assert again.routines == 0 and [s["line"] for s in again.skipped] == ["own routine 2"]


# --- size: streaming our CSV, a stated limit for files read whole ----------------------------------------


def test_files_read_whole_are_refused_over_the_stated_limit(companion, tmp_path, monkeypatch):
    monkeypatch.setattr(common, "MAX_WHOLE_FILE_BYTES", 2 * 1024 * 1024, raising=False)
    padding = " " * (2 * 1024 * 1024)
    _refused(companion, _write(tmp_path, "x.json", json.dumps(_doc()) + padding), "up to 2 MB")
    foreign = "date,pain\n" + "2026-01-01,3\n" * 200_000
    _refused(companion, _write(tmp_path, "g.csv", foreign), "up to 2 MB")


def _own_csv(path, rows: int, bad_every: int = 0) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(transfer.CSV_COLUMNS)
        for n in range(rows):
            at = (NOW - timedelta(minutes=10 * (n + 1))).isoformat()
            pain = "eleven" if bad_every and n % bad_every == 0 else n % 11
            writer.writerow([n, at, "", "", pain, "front-head=4", "", "", "", "", "", "", "", "", f"note {n}", ""])


def test_our_csv_is_read_as_a_stream_and_written_in_chunks_within_one_transaction(companion, tmp_path, monkeypatch):
    monkeypatch.setattr(
        common, "MAX_WHOLE_FILE_BYTES", 1024, raising=False
    )  # no limit applies to our CSV: it is never whole
    monkeypatch.setattr(transfer, "KEEP_DRAFTS", 10, raising=False)
    monkeypatch.setattr(transfer, "CHUNK", 7, raising=False)
    path = tmp_path / "big.csv"
    _own_csv(path, 60, bad_every=20)

    def whole(*_args, **_kwargs):
        raise AssertionError("read whole")

    monkeypatch.setattr(type(path), "read_bytes", whole)
    monkeypatch.setattr(type(path), "read_text", whole)
    preview = transfer.import_file(companion, path, dry_run=True)
    assert (preview.entries, len(preview.skipped), companion.diary.count()) == (57, 3, 0)
    result = transfer.import_file(companion, path)
    assert result.entries == 57 == companion.diary.count()
    assert result.first == min(e.at for e in companion.diary.list_entries())
    assert result.last == max(e.at for e in companion.diary.list_entries())


def test_a_failure_during_the_chunked_write_leaves_nothing(companion, tmp_path, monkeypatch):
    monkeypatch.setattr(transfer, "KEEP_DRAFTS", 10, raising=False)
    monkeypatch.setattr(transfer, "CHUNK", 7, raising=False)
    path = tmp_path / "big.csv"
    _own_csv(path, 40)
    passes = []
    real_rows = transfer.own_format.csv_rows

    def changing(lines):
        passes.append(1)
        for n, item in enumerate(real_rows(lines)):
            if len(passes) == 2 and n == 30:  # the file changed between the check and the write
                return
            yield item

    monkeypatch.setattr(transfer.own_format, "csv_rows", changing)
    with pytest.raises(ImportFormatError, match="changed while it was being imported"):
        transfer.import_file(companion, path)
    assert companion.diary.count() == 0


def test_a_file_of_bad_rows_lists_a_bounded_number_of_them(companion, tmp_path, monkeypatch):
    monkeypatch.setattr(transfer, "MAX_SKIPPED", 3, raising=False)
    path = tmp_path / "bad.csv"
    _own_csv(path, 10, bad_every=1)
    result = transfer.import_file(companion, path, dry_run=True)
    assert [s["line"] for s in result.skipped] == [2, 3, 4, "…"]
    assert "and 7 more rows were skipped" in result.skipped[-1]["reason"]


def test_a_folder_is_not_a_file_to_import(companion, tmp_path):
    with pytest.raises(PainCompanionError, match="is a folder, not a file"):
        transfer.import_file(companion, tmp_path)


def test_a_json_export_of_a_real_diary_still_round_trips(companion, tmp_path):
    """The checks refuse nothing an export writes (the fuller round trip is in test_export_round_trip.py)."""
    companion.diary.add(EntryDraft(at=datetime(1900, 1, 2, 12, tzinfo=NOW.tzinfo), pain=1, note="''=1+1"))
    transfer.export_json(companion, tmp_path / "x.json")
    transfer.export_csv(companion, tmp_path / "x.csv")
    for name in ("x.json", "x.csv"):
        target = Companion.open(AppPaths.in_dir(tmp_path / f"into-{name}"), _clock())
        result = transfer.import_file(target, tmp_path / name)
        assert (result.entries, result.skipped) == (1, [])
        assert target.diary.list_entries()[0].note == "''=1+1"
        target.close()


@pytest.mark.parametrize("name", ["x.csv", "x.json", "generic.csv"])
def test_a_file_the_system_will_not_let_us_read_is_one_plain_line(companion, tmp_path, monkeypatch, name):
    path = _write(tmp_path, name, "at,pain\n" if name == "x.csv" else json.dumps(_doc()))

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", refuse)
    monkeypatch.setattr(type(path), "read_bytes", refuse)
    _refused(companion, path, "cannot be read \\(Permission denied\\)")
