"""A full disk (simulated with a file-size limit) fails a save, an import or an upgrade plainly and harms nothing."""

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, resource, signal, sys
from datetime import timedelta
from paincompanion.domain.diary import EntryDraft
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.storage.database import StorageFailure

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
comp = Companion.open(AppPaths.in_dir(sys.argv[1]))
now = comp.clock.now()
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (500_000, hard))  # room for the schema and 10+ saves
acknowledged, message = [], None
for i in range(10_000):
    try:
        entry = comp.diary.add(EntryDraft(at=now - timedelta(minutes=i), pain=i % 11, note=f"{i} " + "x" * 3000))
    except StorageFailure as exc:
        message = str(exc)
        break
    acknowledged.append(entry.id)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
after = comp.diary.add(EntryDraft(at=now, pain=1, note="after the disk had room again"))
stored = comp.diary.ids()
report = comp.backups.check()
comp.close()
print(json.dumps({"acknowledged": acknowledged, "message": message, "after": after.id, "stored": stored,
                  "ok": report.ok}))
"""


def test_disk_full_fails_plainly_loses_nothing_and_recovers(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["message"] and "disk is full" in data["message"]
    assert len(data["acknowledged"]) > 10
    assert set(data["acknowledged"]) | {data["after"]} == set(data["stored"])
    assert data["ok"]


IMPORT_SCRIPT = r"""
import json, os, resource, signal, sys
from pathlib import Path
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion
from paincompanion.services.demo import fill_demo
from paincompanion.storage.database import StorageFailure

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
with Companion.open(AppPaths.in_dir(sys.argv[1] + "/source")) as source:
    fill_demo(source, 1.0)
    export = Path(sys.argv[1]) / "export.json"
    transfer.export_json(source, export)
    whole = source.diary.count()
comp = Companion.open(AppPaths.in_dir(sys.argv[1] + "/data"))
fill_demo(comp, 0.1)
before = [e.note for e in comp.diary.list_entries()]
comp.backups.create()  # so the pre-import backup fits under the limit and the import itself hits it
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
db_size = os.path.getsize(comp.paths.database)
resource.setrlimit(resource.RLIMIT_FSIZE, (db_size + 300_000, hard))
message = None
try:
    transfer.import_file(comp, export)
except StorageFailure as exc:
    message = str(exc)
after_failure = [e.note for e in comp.diary.list_entries()]
ok_after_failure = comp.backups.check().ok
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
transfer.import_file(comp, export)
print(json.dumps({"message": message, "kept": after_failure == before, "ok": ok_after_failure,
                  "count": comp.diary.count(), "expected": len(before) + whole, "ok_end": comp.backups.check().ok}))
comp.close()
"""


def test_disk_full_during_an_import_leaves_none_of_it_and_harms_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=150
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["message"] and "disk is full" in data["message"]
    assert data["kept"] and data["ok"]
    assert data["count"] == data["expected"] and data["ok_end"]


MIGRATION_SCRIPT = r"""
import hashlib, json, resource, shutil, signal, sqlite3, sys
from pathlib import Path
from paincompanion.errors import BackupError
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
paths = AppPaths.in_dir(sys.argv[1])
paths.ensure_private_dirs()
shutil.copyfile(sys.argv[2], paths.database)
con = sqlite3.connect(paths.database)
with con:  # pad the old file so the safety copy is big enough to hit the limit
    con.executemany(
        "INSERT INTO entries (at_utc, utc_offset, local_day, pain, note, created_utc, updated_utc) "
        "VALUES (?, 60, '2020-01-01', 3, ?, 0, 0)", [(1577870000 + i, f"old {i} " + "x" * 500) for i in range(400)])
con.close()
digest = hashlib.sha256(paths.database.read_bytes()).hexdigest()
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (paths.database.stat().st_size // 2, hard))
message = None
try:
    Companion.open(paths).close()
except BackupError as exc:
    message = str(exc)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
unchanged = hashlib.sha256(paths.database.read_bytes()).hexdigest() == digest
backups_after_failure = sorted(p.name for p in paths.backups.iterdir())
with Companion.open(paths) as comp:
    count, ok = comp.diary.count(), comp.backups.check().ok
backups = sorted(p.name for p in paths.backups.iterdir())
print(json.dumps({"message": message, "unchanged": unchanged, "backups_after_failure": backups_after_failure,
                  "count": count, "ok": ok, "backups": backups}))
"""


def test_disk_full_before_an_upgrade_changes_nothing_and_says_so(tmp_path):
    oldest = Path(__file__).parents[1] / "fixtures" / "db_versions" / "0001_initial.sqlite"
    result = subprocess.run(
        [sys.executable, "-c", MIGRATION_SCRIPT, str(tmp_path / "data"), str(oldest)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["message"] and "nothing was changed" in data["message"] and "disk" in data["message"]
    assert data["unchanged"]  # the old file is byte for byte as it was
    assert data["backups_after_failure"] == []  # no half-written copy under any name
    assert data["count"] >= 400 and data["ok"]  # with room again, the upgrade goes through
    assert len([b for b in data["backups"] if b.endswith("-pre-migration.sqlite")]) == 1
