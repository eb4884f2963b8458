"""Schema revisions: every released fixture upgrades to head with its data intact."""

import hashlib
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from paincompanion.domain.medications import PackIngredient
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.storage import backup as store
from paincompanion.storage import meds_repo, migrations, opener, routines_repo
from paincompanion.storage.schema import metadata

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "db_versions").glob("*.sqlite"))
FIXTURE_0001 = FIXTURES[0]

#: What each fixture holds besides the diary (every fixture has the same 4 entries and 1 PEG check-in).
#: Medicines as (name, strength, times_per_day, as_needed, stop) and the number of logged doses.
_MEDS_0002 = (
    [
        ("Duloxetine", 60.0, 1.0, False, None),
        ("Percocet 5/325", None, 4.0, True, None),
        ("kratom red vein", 2.0, None, True, None),
        ("Grandma's tea blend", None, 2.0, False, None),
        ("Ibuprofen", 400.0, 3.0, False, "2026-01-15"),
    ],
    4,
)
_MEDS_0005 = ([*_MEDS_0002[0], ("Dolo-Mix Ärztemuster 🌿", None, 2.0, False, None)], 4)
MEDICATIONS = {
    "0001_initial": ([], 0),
    "0002_medications": _MEDS_0002,
    "0003_routines": _MEDS_0002,
    "0004_flagged_notes": _MEDS_0002,
    "0005_pack_ingredients": _MEDS_0005,
    "0006_goals_checkins": _MEDS_0005,
    "0007_dose_ratings": _MEDS_0005,
    "0008_mood_only": _MEDS_0005,
}
#: Routine data as (sessions, worksheets, favourites, user routine ids).
ROUTINES = {
    "0001_initial": (0, 0, set(), []),
    "0002_medications": (0, 0, set(), []),
    "0003_routines": (3, 1, {"body-scan", "user-belly-breathing"}, ["user-belly-breathing"]),
    "0004_flagged_notes": (3, 1, {"body-scan", "user-belly-breathing"}, ["user-belly-breathing"]),
    "0005_pack_ingredients": (3, 1, {"body-scan", "user-belly-breathing"}, ["user-belly-breathing"]),
    "0006_goals_checkins": (3, 1, {"body-scan", "user-belly-breathing"}, ["user-belly-breathing"]),
    "0007_dose_ratings": (3, 1, {"body-scan", "user-belly-breathing"}, ["user-belly-breathing"]),
    "0008_mood_only": (3, 1, {"body-scan", "user-belly-breathing"}, ["user-belly-breathing"]),
}
#: Notes flagged "show this note to my clinician" (the column exists since 0004; older files get none).
FLAGGED = {
    "0001_initial": 0,
    "0002_medications": 0,
    "0003_routines": 0,
    "0004_flagged_notes": 1,
    "0005_pack_ingredients": 1,
    "0006_goals_checkins": 1,
    "0007_dose_ratings": 1,
    "0008_mood_only": 1,
}
#: Goals as (open goals, goals done, ratings) and check-ins by kind (the tables exist since 0006).
_NO_GOALS = ((0, 0, 0), {})
GOALS = {
    "0001_initial": _NO_GOALS,
    "0002_medications": _NO_GOALS,
    "0003_routines": _NO_GOALS,
    "0004_flagged_notes": _NO_GOALS,
    "0005_pack_ingredients": _NO_GOALS,
    "0006_goals_checkins": ((1, 1, 2), {"phq2": 1, "gad2": 1, "side_effects": 1, "change": 1, "naloxone": 1}),
    "0007_dose_ratings": ((1, 1, 2), {"phq2": 1, "gad2": 1, "side_effects": 1, "change": 1, "naloxone": 1}),
    "0008_mood_only": ((1, 1, 2), {"phq2": 1, "gad2": 1, "side_effects": 1, "change": 1, "naloxone": 1}),
}
#: Doses rated (pain before, pain after) since 0007; older files have none.
RATINGS = {"0007_dose_ratings": [(None, 0), (7, 4), (6, None)], "0008_mood_only": [(None, 0), (7, 4), (6, None)]}
#: Mood-only records (mood, mood name, activities) since 0008; older files have none.
MOOD_RECORDS = {"0008_mood_only": [(None, "", ("reading",)), (2, "tak sobie 🌧", ("work", "=sum(a1)")), (9, "rad", ())]}
#: The entries columns of 0001 (later revisions add columns after these).
_ENTRY_COLUMNS_0001 = (
    "id, at_utc, utc_offset, local_day, pain, mood, sleep_hours, sleep_quality, activity, activity_level, note, "
    "created_utc, updated_utc"
)


def _copy_in(fixture, tmp_path):
    paths = AppPaths.in_dir(tmp_path / "data")
    paths.ensure_private_dirs()
    shutil.copyfile(fixture, paths.database)
    return paths


def test_known_revisions_match_alembic_history():
    script = ScriptDirectory.from_config(migrations.alembic_config())
    history = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(history) == migrations.KNOWN_REVISIONS
    assert script.get_current_head() == migrations.HEAD_REVISION


def test_every_released_revision_has_a_fixture():
    assert {f.stem for f in FIXTURES} == set(migrations.KNOWN_REVISIONS)
    assert set(MEDICATIONS) == set(migrations.KNOWN_REVISIONS)
    assert set(ROUTINES) == set(migrations.KNOWN_REVISIONS)
    assert set(FLAGGED) == set(migrations.KNOWN_REVISIONS)
    assert set(GOALS) == set(migrations.KNOWN_REVISIONS)
    assert max(RATINGS) == migrations.HEAD_REVISION
    assert max(MOOD_RECORDS) == migrations.HEAD_REVISION


def test_migrations_build_exactly_the_schema_of_the_code(companion):
    with companion._db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_opens_at_head_with_data_intact(fixture, tmp_path, clock):
    paths = _copy_in(fixture, tmp_path)
    comp = Companion.open(paths, clock)
    entries = comp.diary.list_entries(newest_first=False)
    assert len(entries) == 4
    assert any("RTL עברית" in e.note for e in entries)
    assert any(len(e.note) == len("long " * 20000) for e in entries)
    assert [p.score for p in comp.diary.peg_history()] == [6.0]
    expected_meds, expected_doses = MEDICATIONS[fixture.stem]
    with comp._db.read() as conn:
        meds = meds_repo.get_medications(conn)
        doses = meds_repo.list_doses(conn)
    got = [(m.name, m.strength, m.times_per_day, m.as_needed, m.stop.isoformat() if m.stop else None) for m in meds]
    assert got == expected_meds
    assert len(doses) == expected_doses
    with comp._db.read() as conn:
        routine_data = (
            len(routines_repo.list_sessions(conn)),
            len(routines_repo.list_worksheets(conn)),
            routines_repo.get_favourites(conn),
            [r["id"] for r in routines_repo.get_user_routines(conn)],
        )
    assert routine_data == ROUTINES[fixture.stem]
    assert sum(e.flagged for e in entries) == FLAGGED[fixture.stem]
    goals = comp.goals.list_goals()
    counts = (sum(g.is_open for g in goals), sum(not g.is_open for g in goals), sum(len(g.ratings) for g in goals))
    kinds: dict[str, int] = {}
    for c in comp.checkins.history():
        kinds[c.kind.value] = kinds.get(c.kind.value, 0) + 1
    assert (counts, kinds) == GOALS[fixture.stem]
    ratings = comp.dose_effects.ratings()
    assert [(r.pain_before, r.pain_after) for _, r in sorted(ratings.items())] == RATINGS.get(fixture.stem, [])
    records = comp.moods.list_records()
    assert [(r.mood, r.mood_name, r.activities) for r in records] == MOOD_RECORDS.get(fixture.stem, [])
    assert comp.insights.build(None).n_entries == 4  # mood-only records never count as pain entries
    assert comp.backups.check().ok
    comp.close()
    con = sqlite3.connect(paths.database)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrations.HEAD_REVISION
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(migrations.KNOWN_REVISIONS)
    con.close()


@pytest.mark.parametrize("fixture", FIXTURES[1:], ids=lambda p: p.stem)
def test_medication_fixture_keeps_text_offsets_and_the_stopped_items_doses(fixture, tmp_path, clock):
    paths = _copy_in(fixture, tmp_path)
    with Companion.open(paths, clock) as comp, comp._db.read() as conn:
        meds = {m.name: m for m in meds_repo.get_medications(conn)}
        doses = meds_repo.list_doses(conn, newest_first=False)
    kratom = meds["kratom red vein"]
    assert (kratom.kind, kratom.unit, kratom.product, kratom.strain) == ("herbal", "g", "Leafy Co. powder", "Red Bali")
    assert "RTL עברית" in kratom.notes and kratom.notes.endswith("\nsecond line")
    stopped = meds["Ibuprofen"]
    assert [d.note for d in doses if d.medication_id == stopped.id] == ["with breakfast"]
    assert [d.at.isoformat() for d in doses][:2] == ["2026-01-10T08:00:00+01:00", "2026-03-01T22:15:00+05:30"]
    assert doses[-2].amount == "2 tablets" and doses[-2].medication_name == "Percocet 5/325"


def test_the_0001_fixture_upgrades_to_head_after_a_verified_backup_with_the_diary_intact(tmp_path, clock):
    paths = _copy_in(FIXTURE_0001, tmp_path)
    original = hashlib.sha256(paths.database.read_bytes()).hexdigest()
    before = sqlite3.connect(paths.database)
    diary_before = before.execute(f"SELECT {_ENTRY_COLUMNS_0001} FROM entries ORDER BY id").fetchall()
    before.close()
    comp = Companion.open(paths, clock)
    assert len(comp.diary.list_entries()) == 4
    with comp._db.read() as conn:
        assert meds_repo.get_medications(conn) == [] and meds_repo.list_doses(conn) == []
    comp.close()
    backups = store.list_backups(paths.backups)
    assert [b.reason for b in backups] == ["pre-migration"]
    store.verify_backup_file(backups[0].path)
    copy = sqlite3.connect(backups[0].path)  # the backup is the file as it was before the migration
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
    assert copy.execute("SELECT * FROM entries ORDER BY id").fetchall() == diary_before
    assert copy.execute("SELECT count(*) FROM sqlite_master WHERE name = 'medications'").fetchone()[0] == 0
    copy.close()
    assert hashlib.sha256(FIXTURE_0001.read_bytes()).hexdigest() == original  # the released fixture is untouched
    after = sqlite3.connect(paths.database)
    assert after.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrations.HEAD_REVISION
    assert after.execute(f"SELECT {_ENTRY_COLUMNS_0001} FROM entries ORDER BY id").fetchall() == diary_before
    tables = {r[0] for r in after.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"medications", "doses"} <= tables
    assert after.execute("PRAGMA foreign_key_check").fetchall() == []
    after.close()


def test_an_older_file_is_backed_up_before_it_is_migrated(tmp_path, clock, monkeypatch):
    """Pretend the app knows a newer head: the fixture must then be backed up, verified, before upgrading."""
    paths = _copy_in(FIXTURE_0001, tmp_path)
    original = hashlib.sha256(paths.database.read_bytes()).hexdigest()
    upgraded = []
    monkeypatch.setattr(opener, "HEAD_REVISION", "9999_pretend")
    monkeypatch.setattr(opener, "KNOWN_REVISIONS", (*migrations.KNOWN_REVISIONS, "9999_pretend"))
    monkeypatch.setattr(opener, "_migrate", lambda engine: upgraded.append(engine))
    comp = Companion.open(paths, clock)
    comp.close()
    assert upgraded, "the migration step did not run"
    backups = store.list_backups(paths.backups)
    assert [b.reason for b in backups] == ["pre-migration"]
    copy = backups[0].path
    store.verify_backup_file(copy)
    # The backup holds the data as it was before the migration.
    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 4
    con.close()
    assert original  # the pre-migration content is what was backed up, not a later state


def test_goals_fixture_keeps_text_offsets_scores_and_answers(tmp_path, clock):
    paths = _copy_in(next(f for f in FIXTURES if f.stem == "0006_goals_checkins"), tmp_path)
    with Companion.open(paths, clock) as comp:
        garden, odd = comp.goals.list_goals()
        checks = {c.kind.value: c for c in comp.checkins.history()}
    assert (garden.what, garden.how_much, garden.by.isoformat(), garden.is_open) == (
        "Garden",
        "30 minutes",
        "2026-06-01",
        True,
    )
    ratings = [(r.at.isoformat(), r.progress) for r in garden.ratings]
    assert ratings == [("2026-03-01T22:15:00+05:30", 3), ("2026-03-09T09:30:00+01:00", 5)]
    assert odd.what.startswith("Emoji 🚶, RTL עברית") and odd.done is not None
    assert (checks["phq2"].items, checks["phq2"].total, checks["phq2"].positive) == ((2, 1), 3, True)
    assert (checks["gad2"].total, checks["gad2"].positive) == (1, False)
    assert checks["side_effects"].effects == ("constipation", "falls")
    assert (checks["change"].value, checks["naloxone"].value) == (3, 0)


def test_routine_fixture_keeps_offsets_ratings_text_and_answers(tmp_path, clock):
    paths = _copy_in(next(f for f in FIXTURES if f.stem == "0003_routines"), tmp_path)
    with Companion.open(paths, clock) as comp, comp._db.read() as conn:
        sessions = routines_repo.list_sessions(conn, newest_first=False)
        sheet = routines_repo.list_worksheets(conn)[0]
        user = routines_repo.get_user_routines(conn)[0]
    assert [s.started.isoformat() for s in sessions] == [
        "2026-03-01T22:15:00+05:30",
        "2026-03-09T09:30:00+01:00",
        "2026-03-10T06:30:00+01:00",
    ]
    odd, breathing, scan = sessions
    assert (odd.before, odd.after, odd.completed_steps, odd.total_steps, odd.partly_done) == (7, 7, 4, 10, True)
    assert "RTL עברית" in odd.note and odd.note.endswith("\nsecond line")
    assert (breathing.change, scan.before, scan.after, scan.partly_done) == (-2, None, None, False)
    assert sheet.answers["situation"] == "Stairs at work 🚶" and sheet.at.isoformat() == "2026-03-08T09:30:00+01:00"
    assert (user["title"], user["origin"]) == ("My breathing ✨", "user")


def test_the_0003_fixture_upgrades_to_0004_with_no_note_flagged_and_flags_can_then_be_set(tmp_path, clock):
    fixture = next(f for f in FIXTURES if f.stem == "0003_routines")
    original = hashlib.sha256(fixture.read_bytes()).hexdigest()
    paths = _copy_in(fixture, tmp_path)
    with Companion.open(paths, clock) as comp:
        entries = comp.diary.list_entries(newest_first=False)
        assert [e.flagged for e in entries] == [False] * 4
        emoji = next(e for e in entries if "RTL עברית" in e.note)
        comp.diary.update(emoji.id, replace(emoji.as_draft(), flagged=True))
        assert comp.diary.get(emoji.id).flagged is True
    backups = store.list_backups(paths.backups)
    assert [b.reason for b in backups] == ["pre-migration"]
    con = sqlite3.connect(paths.database)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrations.HEAD_REVISION
    assert con.execute("SELECT id FROM entries WHERE flagged = 1").fetchall() == [(emoji.id,)]
    con.close()
    assert hashlib.sha256(fixture.read_bytes()).hexdigest() == original


def test_the_0004_fixture_upgrades_to_0005_with_no_pack_ingredients_and_they_can_then_be_saved(tmp_path, clock):
    fixture = next(f for f in FIXTURES if f.stem == "0004_flagged_notes")
    paths = _copy_in(fixture, tmp_path)
    with Companion.open(paths, clock) as comp:
        meds = {m.name: m for m in comp.meds.list_medications()}
        assert all(m.pack_ingredients == () for m in meds.values())
        tea = meds["Grandma's tea blend"]
        assert not tea.recognized
        given = (PackIngredient("Valerian root", ""), PackIngredient("Paracetamol", "500 mg"))
        saved = comp.meds.update(tea.id, replace(tea.as_draft(), pack_ingredients=given))
        assert saved.pack_ingredients == given and saved.ingredients_given
        assert set(saved.ingredients) == {"valerian", "acetaminophen"}
    con = sqlite3.connect(paths.database)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrations.HEAD_REVISION
    assert con.execute("SELECT count(*) FROM medications WHERE pack_ingredients != ''").fetchone()[0] == 1
    con.close()


def test_the_0005_fixture_keeps_the_pack_ingredients(tmp_path, clock):
    paths = _copy_in(next(f for f in FIXTURES if f.stem == "0005_pack_ingredients"), tmp_path)
    with Companion.open(paths, clock) as comp:
        med = next(m for m in comp.meds.list_medications() if m.pack_ingredients)
    assert med.pack_ingredients == (PackIngredient("Paracetamol", "500 mg"), PackIngredient("Coffein", "50 mg"))
    assert med.ingredients_given and "acetaminophen" in med.ingredients


def test_the_0004_fixture_upgrades_with_no_ratings_and_doses_can_then_be_rated(tmp_path, clock):
    fixture = next(f for f in FIXTURES if f.stem == "0004_flagged_notes")
    paths = _copy_in(fixture, tmp_path)
    with Companion.open(paths, clock) as comp:
        assert comp.dose_effects.ratings() == {}
        dose = comp.meds.doses()[0]
        comp.dose_effects.after(dose.id, 3, dose.at)
        assert comp.dose_effects.ratings()[dose.id].pain_after == 3
        comp.meds.delete_dose(dose.id)  # its rating goes with it
        assert comp.dose_effects.ratings() == {}
