"""Hypothesis: our own JSON and CSV exports, mutated with hostile values, through the real import path.

Every file either previews (bad rows skipped with plain reasons) or is refused with one plain message; the real
import then does exactly what the preview said (the dry run finds everything the real import could refuse), and
a refused file writes nothing, not even the pre-import backup. Bounded: about 20 seconds.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from paincompanion.errors import PainCompanionError
from paincompanion.services import transfer

from ..services.test_import_hostile import assert_plain

AT = "2026-01-01T10:00:00+01:00"
LONG = "LONG-NUMBER"
ROUTINE = {"id": "user-calm", "title": "Calm", "kind": "relaxation", "minutes": 3,
           "steps": [{"text": "Breathe out slowly."}]}  # fmt: skip
TEMPLATE: dict[str, Any] = {
    "format": "paincompanion",
    "format_version": 1,
    "entries": [
        {"at": AT, "pain": 4, "locations": [{"region": "front-head", "intensity": 3}, "back-neck"],
         "qualities": ["aching"], "mood": 5, "sleep_hours": 7.5, "sleep_quality": 6, "activity": "walk",
         "activity_level": 4, "triggers": ["cold"], "helped": ["heat"], "note": "=1+1", "flagged": True},
        {"at": "2026-01-02T08:00:00", "pain": 2},
    ],
    "peg": [{"at": AT, "pain": 5, "enjoyment": 4, "activity": 3}],
    "medications": [
        {"name": "Ibuprofen", "kind": "drug", "strength": 400, "unit": "mg", "form": "tablet", "times_per_day": 3,
         "as_needed": False, "start": "2025-01-01", "stop": None, "reason": "back", "prescriber": "", "product": "",
         "strain": "", "notes": "", "doses": [{"at": AT, "amount": "1 tablet", "note": ""}]},
    ],
    "routines": {
        "sessions": [{"started": AT, "routine_id": "body-scan", "title": "Body scan", "kind": "mindfulness",
                      "minutes": 10, "before": 6, "after": 4, "note": "", "completed_steps": 3, "total_steps": 5}],
        "worksheets": [{"routine_id": "thought-record", "title": "Thought record", "at": AT,
                        "answers": {"situation": "x"}}],
        "favourites": ["body-scan", "user-calm"],
        "user_routines": [ROUTINE],
    },
    "settings": {"report_paper": "a4", "apap_liver_disease": "1", "report_questions": "Sleep?",
                 "reminders_settings": json.dumps({"enabled": True, "checkin_times": ["09:00"], "keep_in_tray": True,
                                                   "dose_times_for": []})},
    "mood_records": [{"at": AT, "mood": 3, "mood_name": "tak sobie", "sleep_hours": 7, "sleep_quality": 6,
                      "activities": ["walk"], "note": "=1+1", "source": "daylio"}, {"at": AT, "note": "x"}],
}  # fmt: skip
ODD = [None, True, False, 0, -1, 11, 1.5, 1e308, float("inf"), "", "x", "0001-01-01T00:00:00",
       "9999-12-31T23:59:59-05:00", "2999-01-01", "1899-12-31", "=1+1", "''=1+1", "a\ud800b", "\udfff", [], {},
       [[[]]], LONG, "Z9", "letter", "user-calm", "body-scan", "1", "0"]  # fmt: skip
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
HOSTILE = st.one_of(st.sampled_from(ODD), st.text(max_size=8), JSON_VALUES)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _paths(item, (*path, n))
    return found


def _set(document: Any, path: tuple, value: Any, delete: bool) -> Any:
    if not path:
        return value
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return document


@st.composite
def json_documents(draw) -> str:
    document = json.loads(json.dumps(TEMPLATE))
    for _ in range(draw(st.integers(0, 4))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        value = copy.deepcopy(draw(HOSTILE))  # later mutations must not change Hypothesis's own drawn value
        document = _set(document, path, value, delete=bool(path) and draw(st.integers(0, 5)) == 0)
    text = json.dumps(document).replace(f'"{LONG}"', "9" * 4400)
    text = text.replace("2026-01-0", f"{draw(st.integers(1990, 2025))}-{draw(st.integers(1, 12)):02}-0")  # new rows
    if draw(st.integers(0, 15)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # cut short
    return text


CSV_ODD = ["", " ", "x", "9" * 4400, "9" * 4400, "front-head=" + "9" * 4400,
           "-1", "11", "3.5", "1e400", "nan", "0001-01-01T00:00:00", "9999-12-31T23:59:59",
           "2999-01-01T10:00:00+00:00", "=1+1", "'=1+1", "''=1+1", "front-head=" + "9" * 4400, "nowhere=3",
           "front-head=x;", "\x00", '"', "a\nb", AT, "1"]  # fmt: skip
CSV_CELLS = st.one_of(st.sampled_from(CSV_ODD), st.text(max_size=8))
#: Which cell a mutation hits: any, but the time, the numbers and the places more often.
COLUMNS = [*range(len(transfer.CSV_COLUMNS)), 1, 1, 4, 4, 5, 7, 8, 9, 11]


@st.composite
def csv_files(draw) -> str:
    header = list(transfer.CSV_COLUMNS)
    good = ["1", AT, "2026-01-01", "10:00", "4", "front-head=3;back-neck", "aching", "5", "7.5", "6", "walk", "4",
            "cold", "heat", "'=1+1", "1", "", "", ""]  # fmt: skip
    mood_only = ["", AT, "2026-01-01", "10:00", "", "", "", "5", "7.5", "6", "", "", "", "", "'=1+1", "", "walk;tea",
                 "tak sobie", "daylio"]  # fmt: skip
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        row = list(draw(st.sampled_from([good, mood_only])))
        for _ in range(draw(st.integers(0, 3))):
            row[draw(st.sampled_from(COLUMNS))] = draw(CSV_CELLS)
        rows.append(row[: draw(st.integers(len(row) - 2, len(row)))])
    if draw(st.integers(0, 10)) == 0:
        rows.append(["1", AT, "", "", "3", "", "", "", "", "", "", "", "", "", "x" * (csv.field_size_limit() + 1)])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    if draw(st.integers(0, 12)) > 0:
        writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue().replace("2026-01-01T", f"{draw(st.integers(1990, 2025))}-0{draw(st.integers(1, 9))}-01T")
    if draw(st.integers(0, 10)) == 0:
        text = text[: draw(st.integers(0, len(text)))] + draw(st.sampled_from(['"', "", "\x00"]))
    return text


def _state(companion) -> tuple:
    return (
        companion.diary.count(),
        len(companion.diary.peg_history()),
        len(companion.meds.list_medications()),
        len(companion.meds.doses()),
        len(companion.routines.sessions()),
        len(companion.routines.worksheets()),
        len(companion.routines.user_routines()),
        len(companion.routines.favourites()),
        len(companion.settings.items()),
        len(companion.backups.list_backups()),
        companion.moods.count(),
    )


def _check(companion, path) -> None:
    before = _state(companion)
    try:
        preview = transfer.import_file(companion, path, dry_run=True)
    except PainCompanionError as exc:
        assert_plain(str(exc))
        event("refused")
        try:
            transfer.import_file(companion, path)
        except PainCompanionError as again:
            assert str(again) == str(exc)
        else:
            raise AssertionError("the dry run refused a file the real import took")
        assert _state(companion) == before
        return
    assert _state(companion) == before  # a dry run writes nothing
    for skip in preview.skipped:
        assert_plain(skip["reason"])
    result = transfer.import_file(companion, path)  # never refuses what the dry run took
    counts = ("entries", "peg", "medications", "doses", "routines", "settings", "moods", "skipped")
    assert [getattr(result, c) for c in counts] == [getattr(preview, c) for c in counts]
    event("added" if result.adds_anything else "nothing new")
    after = _state(companion)
    assert after[0] - before[0] == result.entries and after[1] - before[1] == result.peg
    assert after[2] - before[2] == result.medications and after[3] - before[3] == result.doses
    assert after[-1] - before[-1] == result.moods
    if not result.adds_anything:
        assert after == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=json_documents())
def test_our_json_import_of_mutated_exports_previews_or_refuses_plainly(companion, tmp_path, text):
    path = tmp_path / "mutated.json"
    path.write_text(text, encoding="utf-8")
    _check(companion, path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=csv_files())
def test_our_csv_import_of_mutated_exports_previews_or_refuses_plainly(companion, tmp_path, text):
    path = tmp_path / "mutated.csv"
    path.write_text(text, encoding="utf-8")
    _check(companion, path)
