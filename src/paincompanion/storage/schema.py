"""Table definitions (SQLAlchemy Core). Alembic migrations must keep the file in step with this."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
)

metadata = MetaData()


def _score(name: str, nullable: bool = True) -> Column[int]:
    return Column(name, Integer, CheckConstraint(f"{name} BETWEEN 0 AND 10"), nullable=nullable)


entries = Table(
    "entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at_utc", Integer, nullable=False, comment="seconds since the epoch, UTC"),
    Column("utc_offset", Integer, nullable=False, comment="minutes east of UTC when the entry was made"),
    Column("local_day", String(10), nullable=False, comment="YYYY-MM-DD in the offset of the entry"),
    _score("pain", nullable=False),
    _score("mood"),
    Column("sleep_hours", Float, CheckConstraint("sleep_hours BETWEEN 0 AND 24")),
    _score("sleep_quality"),
    Column("activity", Text, nullable=False, server_default=""),
    _score("activity_level"),
    Column("note", Text, nullable=False, server_default=""),
    Column("created_utc", Integer, nullable=False),
    Column("updated_utc", Integer, nullable=False),
    Column(
        "flagged",
        Boolean,
        CheckConstraint("flagged IN (0, 1)"),
        nullable=False,
        server_default="0",
        comment="1 = show this note to my clinician",
    ),
)
Index("ix_entries_at_utc", entries.c.at_utc)
Index("ix_entries_local_day", entries.c.local_day)

entry_locations = Table(
    "entry_locations",
    metadata,
    Column("entry_id", Integer, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("region", String(60), primary_key=True),
    _score("intensity"),
)
Index("ix_entry_locations_region", entry_locations.c.region)

entry_qualities = Table(
    "entry_qualities",
    metadata,
    Column("entry_id", Integer, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("quality", String(60), primary_key=True),
)

entry_tags = Table(
    "entry_tags",
    metadata,
    Column("entry_id", Integer, ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(10), CheckConstraint("kind IN ('trigger', 'helped')"), primary_key=True),
    Column("tag", String(60), primary_key=True),
)
Index("ix_entry_tags_kind_tag", entry_tags.c.kind, entry_tags.c.tag)

peg_checkins = Table(
    "peg_checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at_utc", Integer, nullable=False),
    Column("utc_offset", Integer, nullable=False),
    _score("pain", nullable=False),
    _score("enjoyment", nullable=False),
    _score("activity", nullable=False),
)
Index("ix_peg_checkins_at_utc", peg_checkins.c.at_utc)

settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

medications = Table(
    "medications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), CheckConstraint("length(trim(name)) > 0"), nullable=False, comment="as typed"),
    Column(
        "kind",
        String(20),
        CheckConstraint("kind IN ('', 'drug', 'supplement', 'herbal')"),
        nullable=False,
        server_default="",
    ),
    Column("strength", Float, CheckConstraint("strength > 0")),
    Column("unit", String(20), nullable=False, server_default="mg"),
    Column("form", String(60), nullable=False, server_default=""),
    Column("times_per_day", Float, CheckConstraint("times_per_day > 0 AND times_per_day <= 24")),
    Column("as_needed", Boolean, CheckConstraint("as_needed IN (0, 1)"), nullable=False, server_default="0"),
    Column("start_day", String(10), comment="YYYY-MM-DD"),
    Column("stop_day", String(10), comment="YYYY-MM-DD"),
    Column("reason", Text, nullable=False, server_default=""),
    Column("prescriber", Text, nullable=False, server_default=""),
    Column("product", Text, nullable=False, server_default=""),
    Column("strain", Text, nullable=False, server_default=""),
    Column("notes", Text, nullable=False, server_default=""),
    Column("created_utc", Integer, nullable=False),
    Column("updated_utc", Integer, nullable=False),
    Column(
        "pack_ingredients",
        Text,
        nullable=False,
        server_default="",
        comment='active ingredients read off the pack: JSON [{"name", "strength"}], "" when none',
    ),
    CheckConstraint("stop_day IS NULL OR start_day IS NULL OR stop_day >= start_day", name="ck_medications_stop"),
)

doses = Table(
    "doses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("medication_id", Integer, ForeignKey("medications.id", ondelete="CASCADE"), nullable=False),
    Column("at_utc", Integer, nullable=False, comment="seconds since the epoch, UTC"),
    Column("utc_offset", Integer, nullable=False, comment="minutes east of UTC when the dose was taken"),
    Column("local_day", String(10), nullable=False, comment="YYYY-MM-DD in the offset of the dose"),
    Column("amount", String(60), nullable=False, server_default=""),
    Column("note", Text, nullable=False, server_default=""),
)
Index("ix_doses_at_utc", doses.c.at_utc)
Index("ix_doses_medication_id", doses.c.medication_id)

dose_ratings = Table(
    "dose_ratings",
    metadata,
    Column("dose_id", Integer, ForeignKey("doses.id", ondelete="CASCADE"), primary_key=True),
    _score("pain_before"),
    _score("pain_after"),
    Column("after_utc", Integer, comment="when the pain after was rated, seconds since the epoch, UTC"),
    Column("after_offset", Integer, comment="minutes east of UTC when the pain after was rated"),
)

routine_sessions = Table(
    "routine_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("routine_id", String(120), nullable=False),
    Column("title", Text, nullable=False, server_default="", comment="title when logged"),
    Column("kind", String(40), nullable=False, server_default=""),
    Column("at_utc", Integer, nullable=False, comment="start, seconds since the epoch, UTC"),
    Column("utc_offset", Integer, nullable=False, comment="minutes east of UTC at the start"),
    Column("local_day", String(10), nullable=False, comment="YYYY-MM-DD in the offset of the start"),
    Column("minutes", Integer, CheckConstraint("minutes >= 0"), nullable=False, server_default="0"),
    Column("before", Integer, CheckConstraint("before BETWEEN 0 AND 10")),
    Column("after", Integer, CheckConstraint("after BETWEEN 0 AND 10")),
    Column("note", Text, nullable=False, server_default=""),
    Column("completed_steps", Integer, nullable=False, server_default="0"),
    Column("total_steps", Integer, nullable=False, server_default="0"),
    CheckConstraint(
        "completed_steps >= 0 AND total_steps >= 0 AND completed_steps <= total_steps",
        name="ck_routine_sessions_steps",
    ),
)
Index("ix_routine_sessions_at_utc", routine_sessions.c.at_utc)
Index("ix_routine_sessions_routine_id", routine_sessions.c.routine_id)

worksheets = Table(
    "worksheets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("routine_id", String(120), nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Column("at_utc", Integer, nullable=False, comment="seconds since the epoch, UTC"),
    Column("utc_offset", Integer, nullable=False, comment="minutes east of UTC"),
    Column("answers", Text, nullable=False, server_default="{}", comment="JSON object field id -> text"),
)
Index("ix_worksheets_routine_id", worksheets.c.routine_id)

favourites = Table(
    "favourites",
    metadata,
    Column("routine_id", String(120), primary_key=True),
)

user_routines = Table(
    "user_routines",
    metadata,
    Column("id", String(120), CheckConstraint("id LIKE 'user-%'"), primary_key=True),
    Column("data", Text, nullable=False, comment="JSON of the routine"),
    Column("updated_utc", Integer, nullable=False),
)

# --- since 0006_goals_checkins: function goals with weekly progress, and check-ins beyond PEG ----------

goals = Table(
    "goals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("what", Text, CheckConstraint("length(trim(what)) > 0"), nullable=False),
    Column("how_much", Text, nullable=False, server_default=""),
    Column("by_day", String(10), comment="YYYY-MM-DD, the day to reach it"),
    Column("created_day", String(10), nullable=False, comment="YYYY-MM-DD"),
    Column("done_day", String(10), comment="YYYY-MM-DD when marked done"),
)

goal_ratings = Table(
    "goal_ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("goal_id", Integer, ForeignKey("goals.id", ondelete="CASCADE"), nullable=False),
    Column("at_utc", Integer, nullable=False),
    Column("utc_offset", Integer, nullable=False),
    Column("progress", Integer, CheckConstraint("progress BETWEEN 0 AND 10"), nullable=False),
)
Index("ix_goal_ratings_goal_id", goal_ratings.c.goal_id)

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "kind",
        String(20),
        CheckConstraint("kind IN ('phq2', 'gad2', 'side_effects', 'change', 'naloxone')"),
        nullable=False,
    ),
    Column("at_utc", Integer, nullable=False),
    Column("utc_offset", Integer, nullable=False),
    Column("item1", Integer, CheckConstraint("item1 BETWEEN 0 AND 3")),
    Column("item2", Integer, CheckConstraint("item2 BETWEEN 0 AND 3")),
    Column("value", Integer, CheckConstraint("value BETWEEN 0 AND 7")),
    Column("effects", Text, nullable=False, server_default="", comment="comma-separated side-effect ids"),
)
Index("ix_checkins_kind_at_utc", checkins.c.kind, checkins.c.at_utc)

# --- since 0008_mood_only: a day's mood, sleep, activities and note without a pain score -------------------

mood_records = Table(
    "mood_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at_utc", Integer, nullable=False, comment="seconds since the epoch, UTC"),
    Column("utc_offset", Integer, nullable=False, comment="minutes east of UTC when it was recorded"),
    Column("local_day", String(10), nullable=False, comment="YYYY-MM-DD in the offset of the record"),
    _score("mood"),
    Column("mood_name", Text, nullable=False, server_default="", comment="the other app's word for the mood"),
    Column("sleep_hours", Float, CheckConstraint("sleep_hours BETWEEN 0 AND 24")),
    _score("sleep_quality"),
    Column("activities", Text, nullable=False, server_default="", comment='JSON ["tag", …], "" when none'),
    Column("note", Text, nullable=False, server_default=""),
    Column("source", String(20), nullable=False, server_default="", comment='"" entered here, or "daylio"'),
    Column("created_utc", Integer, nullable=False),
)
Index("ix_mood_records_at_utc", mood_records.c.at_utc)
Index("ix_mood_records_local_day", mood_records.c.local_day)


def insert_row(conn: Connection, table: Table, values: Mapping[str, Any]) -> int:
    """Insert one row into `table` and return its integer primary key (the given one, or SQLite's new rowid)."""
    key = conn.execute(insert(table).values(**values)).inserted_primary_key
    assert key is not None  # a single-row INSERT always reports its key
    return int(key[0])
