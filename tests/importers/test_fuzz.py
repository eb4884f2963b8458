"""Hypothesis: every importer on generated files (its own header, then rows mixing plausible and junk cells).

No unhandled exception: a file is either read (bad rows skipped with a line and reason) or refused with
ImportFormatError; a refused or failed import writes nothing. 460 generated files, a few seconds.
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from paincompanion import importers
from paincompanion.errors import ImportFormatError, PainCompanionError
from paincompanion.services import transfer

from ..services.test_import_hostile import PYTHON_TEXT, assert_plain
from .conftest import FIXTURES

FILES = {"migraine-buddy": "migraine_buddy.csv", "bearable": "bearable.csv",
         "medtimer": "medtimer.csv", "daylio": "daylio.csv", "csv": "generic.csv",
         "flaredown": "flaredown.csv"}  # fmt: skip
DELIMITERS = {"medtimer": ";"}


def _layout(fmt: str) -> tuple[str, list[str], list[list[str]]]:
    """The fixture's lines before its last header, that header, and its rows."""
    text = (FIXTURES / FILES[fmt]).read_text(encoding="utf-8")
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITERS.get(fmt, ",")))
    header_at = max(i for i, r in enumerate(records) if r and r[0] in ("#", "Date", "date", "Reminded", "full_date",
                                                                      "start"))  # fmt: skip
    prefix = text.split('"#"', 1)[0] if fmt == "migraine-buddy" else ""  # the ongoing-events section
    return prefix, records[header_at], [r for r in records[header_at + 1 :] if r]


LAYOUTS = {fmt: _layout(fmt) for fmt in FILES}
JUNK = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
ODD = ["", "1/1/1", "0/0/00", "12/31/99 25:61", "0001-01-01", "9999-12-31T23:59", "[", "[[drug:[name:", "(Mild)",
       "x (V. Severe)", "-1441", "1440", "1e309", "NaN", "9" * 4400, "9" * 4400 + ".0", "0001-01-01T00:00:00+05:00",
       "9999-12-31T23:59:59-05:00", "[" * 50]  # fmt: skip
NUMBERISH = st.one_of(st.integers(-20, 30).map(str), st.floats(allow_nan=True).map(str), st.sampled_from(ODD))


@st.composite
def files(draw, fmt: str) -> str:
    prefix, header, samples = LAYOUTS[fmt]
    cell = st.one_of(st.sampled_from(sorted({c for r in samples for c in r})), JUNK, NUMBERISH)
    random_row = st.lists(cell, min_size=0, max_size=len(header) + 2)
    rows = draw(st.lists(st.one_of(random_row, _mutated(st.sampled_from(samples), cell)), max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=DELIMITERS.get(fmt, ","), lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    )
    if draw(st.integers(0, 9)) > 0:  # now and then no header
        writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    text = buffer.getvalue()
    if draw(st.integers(0, 9)) == 0:  # now and then, a damaged file: cut short or with a stray quote
        text = text[: draw(st.integers(0, len(text)))] + draw(st.sampled_from(['"', "", "\x00"]))
    return prefix + text


@st.composite
def _mutated(draw, sample, cell) -> list[str]:
    """A real row of the layout with a few cells replaced: mostly readable, so the import path runs too."""
    row = list(draw(sample))
    for _ in range(draw(st.integers(0, 2))):
        row[draw(st.integers(0, len(row) - 1))] = draw(cell)
    return row


def _check_parsed(parsed: importers.Parsed) -> None:
    for skip in parsed.skipped:
        assert set(skip) == {"line", "reason"} and skip["reason"]
        assert not PYTHON_TEXT.search(skip["reason"]), skip["reason"]
    lines = [line for line, _ in parsed.entries + parsed.doses + parsed.mood_records]
    assert all(isinstance(line, int) and line >= 1 for line in lines)


def _parse_fuzz(fmt: str):
    @settings(max_examples=60, deadline=None)
    @given(text=files(fmt))
    def test(text):
        assert importers.detect_format(text) in (None, "paincompanion", *importers.PARSERS)
        try:
            parsed = importers.parse(fmt, text)
        except ImportFormatError:
            return
        _check_parsed(parsed)

    return test


test_migraine_buddy_fuzz = _parse_fuzz("migraine-buddy")
test_flaredown_fuzz = _parse_fuzz("flaredown")
test_bearable_fuzz = _parse_fuzz("bearable")
test_medtimer_fuzz = _parse_fuzz("medtimer")
test_daylio_fuzz = _parse_fuzz("daylio")
test_generic_csv_fuzz = _parse_fuzz("csv")


def _state(companion) -> tuple:
    entries = [(e.id, e.at, e.pain, e.mood, e.note) for e in companion.diary.list_entries()]
    moods = [(r.id, r.at, r.mood, r.note) for r in companion.moods.list_records()]
    return (
        entries,
        [(d.id, d.at) for d in companion.meds.doses()],
        [m.id for m in companion.meds.list_medications()],
        moods,
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_real_imports_of_generated_files_write_all_or_nothing(companion, tmp_path, data):
    fmt = data.draw(st.sampled_from(sorted(FILES)))
    text = data.draw(files(fmt))
    path = tmp_path / "generated.csv"
    path.write_text(text, encoding="utf-8")
    before = _state(companion)
    try:
        result = transfer.import_file(companion, path, fmt=data.draw(st.sampled_from(["auto", fmt])))
    except PainCompanionError as exc:
        assert_plain(str(exc))
        event(f"{fmt}: refused")
        assert _state(companion) == before  # refused: nothing written
        return
    event(f"{fmt}: {'added' if result.entries or result.doses or result.moods else 'nothing new'}")
    for skip in result.skipped:
        assert_plain(skip["reason"])
    entries, doses, meds, moods = _state(companion)
    assert len(entries) - len(before[0]) == result.entries
    assert len(moods) - len(before[3]) == result.moods
    assert len(doses) - len(before[1]) == result.doses
    assert len(meds) - len(before[2]) == result.medications
    again = transfer.import_file(companion, path, fmt=result.format if result.format in importers.FORMATS else "auto")
    assert (again.entries, again.doses, again.medications, again.moods) == (0, 0, 0, 0)
