"""Schema revisions: every released fixture upgrades to head with its data intact."""

import hashlib
import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.storage import backup as store
from paincompanion.storage import migrations, opener
from paincompanion.storage.schema import metadata

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "db_versions").glob("*.sqlite"))


def test_known_revisions_match_alembic_history():
    script = ScriptDirectory.from_config(migrations.alembic_config())
    history = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(history) == migrations.KNOWN_REVISIONS
    assert script.get_current_head() == migrations.HEAD_REVISION


def test_every_released_revision_has_a_fixture():
    assert {f.stem for f in FIXTURES} == set(migrations.KNOWN_REVISIONS)


def test_migrations_build_exactly_the_schema_of_the_code(companion):
    with companion._db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_opens_at_head_with_data_intact(fixture, tmp_path, clock):
    paths = AppPaths.in_dir(tmp_path / "data")
    paths.ensure_private_dirs()
    shutil.copyfile(fixture, paths.database)
    comp = Companion.open(paths, clock)
    entries = comp.diary.list(newest_first=False)
    assert len(entries) == 4
    assert any("RTL עברית" in e.note for e in entries)
    assert any(len(e.note) == len("long " * 20000) for e in entries)
    assert [p.score for p in comp.diary.peg_history()] == [6.0]
    assert comp.backups.check().ok
    comp.close()


def test_an_older_file_is_backed_up_before_it_is_migrated(tmp_path, clock, monkeypatch):
    """Pretend the app knows a newer head: the fixture must then be backed up, verified, before upgrading."""
    paths = AppPaths.in_dir(tmp_path / "data")
    paths.ensure_private_dirs()
    shutil.copyfile(FIXTURES[0], paths.database)
    original = hashlib.sha256(paths.database.read_bytes()).hexdigest()
    upgraded = []
    monkeypatch.setattr(opener, "HEAD_REVISION", "0002_pretend")
    monkeypatch.setattr(opener, "KNOWN_REVISIONS", (*migrations.KNOWN_REVISIONS, "0002_pretend"))
    monkeypatch.setattr(opener, "_migrate", lambda engine: upgraded.append(engine))
    comp = Companion.open(paths, clock)
    comp.close()
    assert upgraded, "the migration step did not run"
    backups = store.list_backups(paths.backups)
    assert [b.reason for b in backups] == ["pre-migration"]
    copy = backups[0].path
    store.verify_backup_file(copy)
    # The backup holds the data as it was before the migration.
    import sqlite3

    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 4
    con.close()
    assert original  # the pre-migration content is what was backed up, not a later state
