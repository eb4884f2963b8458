"""detect_format: the app from the first lines."""

from __future__ import annotations

import pytest

from paincompanion.importers import detect_format


@pytest.mark.parametrize(
    ("name", "expected"),
    [("migraine_buddy.csv", "migraine-buddy"), ("pfpd_backup.json", "pfpd"), ("bearable.csv", "bearable"),
     ("medtimer.csv", "medtimer"), ("daylio.csv", "daylio"), ("generic.csv", "csv")],
)  # fmt: skip
def test_each_fixture_is_recognised(fixture_text, name, expected):
    assert detect_format(fixture_text(name)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"format": "paincompanion", "format_version": 1}', "paincompanion"),
        ('{"something": "else"}', None),
        ("id,at,date,time,pain,locations\n", "paincompanion"),
        ("\ufeffDate,Time,Category,Label,Rating,Notes\n", "bearable"),  # the older Bearable header, with a BOM
        ("Erinnert;Name;Dosis;Genommen;Tags;Intervall;Notizen;Erinnert (ISO 8601);Genommen (ISO 8601)\n", "medtimer"),
        ('"#","Started","Lasted","Start UTC Offset (min)","Pain Level"\n', "migraine-buddy"),
        ("start,end,pain\n2025-01-01 10:00,2025-01-01 11:00,4\n", "csv"),
        ("hello world\n", None),
        ("", None),
    ],
)
def test_headers(text, expected):
    assert detect_format(text) == expected
