"""Records without a pain score: validation (one plain sentence), update, delete and put back."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from paincompanion.domain.mood_record import MoodRecordDraft
from paincompanion.errors import NotFound, ValidationError

CET = timezone(timedelta(hours=1))
AT = datetime(2026, 3, 1, 21, 5, tzinfo=CET)


@pytest.mark.parametrize(
    ("draft", "message"),
    [(MoodRecordDraft(at=AT), "needs a mood, sleep, an activity or a note"),
     (MoodRecordDraft(at=AT, mood=11), "from 0 to 10"),
     (MoodRecordDraft(at=AT + timedelta(days=400), mood=5), "in the future"),
     (MoodRecordDraft(at=AT, sleep_hours=25), "Hours of sleep"),
     (MoodRecordDraft(at=AT, activities=("x" * 61,)), "at most 60"),
     (MoodRecordDraft(at=AT, mood_name="n" * 61), "The mood's name"),
     (MoodRecordDraft(at=AT, mood=3, source="flaredown"), "Unknown source")],
)  # fmt: skip
def test_a_wrong_record_is_one_plain_sentence_and_nothing_is_saved(companion, draft, message):
    with pytest.raises(ValidationError, match=message):
        companion.moods.add(draft)
    assert companion.moods.count() == 0


def test_update_delete_and_put_back(companion):
    first = companion.moods.add(MoodRecordDraft(at=AT, mood=4, mood_name="meh", activities=("Walk", "walk ")))
    assert first.activities == ("walk",)  # tags: trimmed, lower case, once
    second = companion.moods.add(MoodRecordDraft(at=AT + timedelta(hours=1), note="only a note"))
    changed = companion.moods.update(first.id, MoodRecordDraft(at=AT, mood=6, mood_name="meh"))
    assert (changed.id, changed.mood, changed.activities) == (first.id, 6, ())
    gone = companion.moods.delete_many([first.id, second.id])
    assert companion.moods.count() == 0
    companion.moods.restore_many(gone)
    assert [r.id for r in companion.moods.list_records()] == [first.id, second.id]
    with pytest.raises(NotFound):
        companion.moods.update(999, MoodRecordDraft(at=AT, mood=1))
    with pytest.raises(NotFound):
        companion.moods.delete_many([first.id, 999])
    assert companion.moods.count() == 2  # a failed delete of several deletes none
