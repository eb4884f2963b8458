"""The follow-up delay goes out with the JSON export and comes back in; a bad value is skipped with a reason."""

from __future__ import annotations

from paincompanion.services.settings_transfer import settings_document, settings_to_import
from paincompanion.storage.schema import settings


def test_delay_round_trip_and_bad_values(companion):
    companion.follow_ups.set_delay(90)
    companion.follow_ups.skip(1)  # what is open is internal: never exported
    document = settings_document(companion)
    assert document["dose_follow_up_minutes"] == "90"
    assert "dose_follow_up_state" not in document
    skipped: list[dict] = []
    fresh = {"dose_follow_up_minutes": "off"}
    assert settings_to_import(companion, fresh, skipped) == {}  # this data has its own choice already
    skipped.clear()
    with companion._db.write() as conn:  # as in a brand-new diary: no choice saved yet
        conn.execute(settings.delete())
    assert settings_to_import(companion, {"dose_follow_up_minutes": "off"}, skipped) == {
        "dose_follow_up_minutes": "off"
    }
    assert settings_to_import(companion, {"dose_follow_up_minutes": "500"}, skipped) == {}
    assert "30 to 180" in skipped[0]["reason"]
