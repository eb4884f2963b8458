"""Only UTF-8 files are imported (a byte-order mark is fine): UTF-16 and Latin-1 files get a clear refusal."""

from __future__ import annotations

import pytest

from paincompanion import importers
from paincompanion.errors import ImportFormatError
from paincompanion.services import transfer

from .conftest import FIXTURES

NOTE_CSV = "date,pain,note\n2025-01-10 08:00,5,Café crème — très mal\n"
ALL_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.csv"))


def _state(companion):
    return [(e.at, e.pain, e.note) for e in companion.diary.list_entries()], len(companion.meds.doses())


@pytest.mark.parametrize("name", ALL_FIXTURES)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"])
def test_a_file_that_is_not_utf8_is_refused_with_advice_and_nothing_is_written(companion, tmp_path, name, encoding):
    text = (FIXTURES / name).read_text(encoding="utf-8") + "2025-01-14,4,Grüße\n"
    path = tmp_path / name
    path.write_bytes(text.encode(encoding, errors="replace"))
    before = _state(companion)
    with pytest.raises(ImportFormatError) as caught:
        transfer.import_file(companion, path)
    message = str(caught.value)
    assert message.startswith(f"{name} is not a UTF-8 text file")
    assert "export it again as UTF-8/CSV" in message
    assert _state(companion) == before
    assert not companion.backups.list_backups()  # refused before the pre-import backup


@pytest.mark.parametrize("fmt", ["csv", "migraine-buddy", "paincompanion"])
def test_the_refusal_holds_for_an_explicit_format_too(companion, tmp_path, fmt):
    path = tmp_path / "mine.csv"
    path.write_bytes(NOTE_CSV.encode("cp1252"))
    with pytest.raises(ImportFormatError, match="is not a UTF-8 text file.*Latin-1"):
        transfer.import_file(companion, path, fmt=fmt, mapping={"date": "date", "pain": "pain"})


def test_utf16_is_named_as_such():
    with pytest.raises(ImportFormatError, match=r"not a UTF-8 text file \(it is UTF-16\)"):
        importers.decode_text(NOTE_CSV.encode("utf-16"), "diary.csv")


def test_utf8_with_a_byte_order_mark_is_imported_with_its_accents(companion, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(NOTE_CSV.encode("utf-8-sig"))
    result = transfer.import_file(companion, path, fmt="csv", mapping={"date": "date", "pain": "pain", "note": "note"})
    assert result.entries == 1 and result.skipped == []
    assert [e.note for e in companion.diary.list_entries()] == ["Café crème — très mal"]


def test_our_own_json_export_with_a_byte_order_mark_is_imported(companion, tmp_path, clock):
    from paincompanion.domain.diary import EntryDraft

    companion.diary.add(EntryDraft(at=clock.now(), pain=4, note="Grüße 😀"))
    path = tmp_path / "export.json"
    transfer.export_json(companion, path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    companion.diary.delete(companion.diary.list_entries()[0].id)
    assert transfer.import_file(companion, path).entries == 1
    assert companion.diary.list_entries()[0].note == "Grüße 😀"
