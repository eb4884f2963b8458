"""Crash harness (storage-safety.md T1): SIGKILL the app's save, import, migration, encrypt and decrypt paths.

Run: `python tests/stress/harness.py --cycles 200 --seed 1` (`make stress`); exit status 1 on any finding.

A supervisor process imports the app once, then forks one child per cycle. The child opens the data
with `Companion.open` (real engine, WAL, synchronous=FULL, migrations) and works; after each call
returns it writes an acknowledgement (id + content fingerprint) to a pipe, unbuffered. The supervisor
kills the child with SIGKILL after a random delay and then checks the data file read-only:
integrity_check and foreign_key_check are clean, every acknowledged entry is there with the same
content (child rows included), and nothing else is there except, at most, the one save in flight
when the kill came - complete. The next cycle's child reopens the data as the app would.

Encrypt and decrypt (scenario 5) run on a diary of a year of demo data or more; after each kill the app must
open the diary (plain, or encrypted with its passphrase), every entry must be there unchanged, and running the
interrupted command again must finish it. Half the kills come at random moments, the other half the moment the
data file's rollback journal holds a change (a kill inside a journal-mode switch: what once left encrypted
diaries that no longer opened).
"""

from __future__ import annotations

import argparse
import os
import random
import select
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import alembic.command  # noqa: F401 - imported before forking so children start fast
from checks import Snapshot, fingerprint_entry, read_snapshot

from paincompanion.domain.body import REGIONS_BY_ID
from paincompanion.domain.diary import PAIN_QUALITIES, EntryDraft, LocationPain, validate_draft
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion
from paincompanion.services.demo import fill_demo
from paincompanion.storage import cipher_keys
from paincompanion.storage.cipher_probe import database_state
from paincompanion.storage.migrations import HEAD_REVISION, KNOWN_REVISIONS
from paincompanion.storage.recovery import has_hot_journal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db_versions"
OLDEST_FIXTURE = FIXTURES / f"{KNOWN_REVISIONS[0]}.sqlite"
REGIONS = sorted(REGIONS_BY_ID)
TAGS = ("cold weather", "stress", "long drive", "poor sleep", "gardening", "stairs", "heat pack", "walk", "rest")

Send = Callable[[str], None]


@dataclass
class Tally:
    """Numbers to print, so a harness that silently runs nothing is visible."""

    name: str
    cycles: int = 0
    killed: int = 0
    finished: int = 0
    acknowledged: int = 0
    in_flight_kept: int = 0
    in_flight_gone: int = 0
    seconds: float = 0.0
    findings: list[str] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)  # what the file held right after each kill

    def line(self) -> str:
        return (
            f"{self.name}: {self.cycles} cycles ({self.killed} killed, {self.finished} finished before the kill), "
            f"{self.acknowledged} acknowledged, {len(self.findings)} findings (lost, changed or half-written); "
            f"in flight at the kill: {self.in_flight_kept} kept whole, {self.in_flight_gone} not saved; "
            f"{self.seconds:.1f} s"
            + (f"; after the kills: {dict(sorted(self.outcomes.items()))}" if self.outcomes else "")
        )


# --- child processes ---------------------------------------------------------------------------


def fork_child(work: Callable[[Send], None]) -> tuple[int, int]:
    """Run `work(send)` in a forked child; `send` writes one line to the returned pipe, unbuffered."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        signal.signal(signal.SIGINT, signal.SIG_DFL)

        def send(line: str) -> None:
            os.write(write_end, (line + "\n").encode())

        code = 0
        try:
            work(send)
        except BaseException:
            send("E " + traceback.format_exc().strip().replace("\n", " | "))
            code = 3
        os._exit(code)
    os.close(write_end)
    return pid, read_end


def kill_after(pid: int, pipe: int, delay: float) -> tuple[list[str], bool]:
    """Collect the child's lines, SIGKILL it after `delay` seconds; returns (lines, was_killed)."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + delay
    eof = False
    while not eof and (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([pipe], [], [], left)
        if ready:
            chunk = os.read(pipe, 65536)
            eof = not chunk
            chunks.append(chunk)
    os.kill(pid, signal.SIGKILL)  # a zombie that already exited ignores it
    _, status = os.waitpid(pid, 0)
    while chunk := os.read(pipe, 65536):
        chunks.append(chunk)
    os.close(pipe)
    lines = b"".join(chunks).decode(errors="replace").splitlines()
    return lines, os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def acknowledged(lines: list[str]) -> bool:
    """The child said its call returned ("A" lines)."""
    return any(line == "A" or line.startswith("A ") for line in lines)


def errors_in(lines: list[str]) -> list[str]:
    return [line[2:][:3000] for line in lines if line.startswith("E ")]


# --- drafts ------------------------------------------------------------------------------------


def random_draft(rng: random.Random, now, token: str) -> EntryDraft:
    """A normalised draft with location, quality and tag rows, so half-written entries would show."""
    size = rng.choice((10, 200, 2000, 20_000))
    words = ["ache", "ease", "läuft", "痛み", "نوم", "💊", "walk", "rest"]
    note = f"{token} " + " ".join(rng.choice(words) for _ in range(size // 6))
    return EntryDraft(
        at=now - timedelta(minutes=rng.randrange(60 * 24 * 30)),
        pain=rng.randrange(11),
        locations=tuple(LocationPain(r, rng.choice((None, rng.randrange(11)))) for r in rng.sample(REGIONS, 3)),
        qualities=tuple(rng.sample(PAIN_QUALITIES, 2)),
        triggers=tuple(rng.sample(TAGS, 2)),
        helped=tuple(rng.sample(TAGS, 1)),
        note=note,
    )


# --- scenario 1: saves -------------------------------------------------------------------------


def save_worker(data_dir: Path, cycle: int, seed: int, acked_ids: list[int]) -> Callable[[Send], None]:
    """Open the data and save, edit, delete and back up until killed."""

    def work(send: Send) -> None:
        rng = random.Random(seed)
        comp = Companion.open(AppPaths.in_dir(data_dir))
        send("O")
        ids = list(acked_ids)
        for n in range(100_000):
            roll = rng.random()
            now = comp.clock.now()
            if roll < 0.70 or not ids:
                draft = validate_draft(random_draft(rng, now, f"c{cycle}-s{n}"), now)
                send(f"I {fingerprint_entry(draft)}")
                entry = comp.diary.add(draft)
                ids.append(entry.id)
                send(f"A {entry.id} {fingerprint_entry(entry)}")
            elif roll < 0.85:
                target = rng.choice(ids)
                draft = validate_draft(random_draft(rng, now, f"c{cycle}-u{n}"), now)
                send(f"U {target} {fingerprint_entry(draft)}")
                entry = comp.diary.update(target, draft)
                send(f"A {entry.id} {fingerprint_entry(entry)}")
            elif roll < 0.97:
                target = ids.pop(rng.randrange(len(ids)))
                send(f"D {target}")
                comp.diary.delete(target)
                send(f"X {target}")
            else:
                send("B")
                comp.backups.create()
                send("b")

    return work


class SaveModel:
    """What the app acknowledged, and the one operation in flight when the child died."""

    def __init__(self) -> None:
        self.entries: dict[int, str] = {}
        self.pending: tuple | None = None

    def apply(self, lines: list[str], tally: Tally) -> None:
        self.pending = None
        for line in lines:
            kind, *args = line.split(" ")
            if kind == "I":
                self.pending = ("add", args[0])
            elif kind == "U":
                self.pending = ("update", int(args[0]), args[1])
            elif kind == "D":
                self.pending = ("delete", int(args[0]))
            elif kind == "A":
                self.entries[int(args[0])] = args[1]
                self.pending = None
                tally.acknowledged += 1
            elif kind == "X":
                self.entries.pop(int(args[0]), None)
                self.pending = None
                tally.acknowledged += 1

    def check(self, snap: Snapshot, tally: Tally) -> list[str]:
        """Compare the file with the acknowledgements; adopt the in-flight operation if it landed whole."""
        found = list(snap.problems)
        pending = self.pending
        landed = False
        for entry_id, expected in list(self.entries.items()):
            got = snap.entries.get(entry_id)
            if got == expected:
                continue
            if pending and pending[0] == "update" and pending[1] == entry_id and got == pending[2]:
                self.entries[entry_id], landed = got, True
            elif pending and pending[0] == "delete" and pending[1] == entry_id and got is None:
                del self.entries[entry_id]
                landed = True
            elif got is None:
                found.append(f"acknowledged entry {entry_id} is missing")
            else:
                found.append(f"acknowledged entry {entry_id} changed or is half-written")
        for entry_id in sorted(set(snap.entries) - set(self.entries)):
            if pending and pending[0] == "add" and snap.entries[entry_id] == pending[1] and not landed:
                self.entries[entry_id], landed = pending[1], True
            else:
                found.append(f"entry {entry_id} was never acknowledged (or is half-written)")
        if pending:
            if landed:
                tally.in_flight_kept += 1
            else:
                tally.in_flight_gone += 1
        return found


def check_backups(backups: Path, seen: set[str]) -> list[str]:
    """Every backup under its final name is a whole, intact database."""
    found = []
    for path in sorted(backups.glob("backup-*.sqlite")):
        key = f"{path.name}:{path.stat().st_size}"
        if key in seen:
            continue
        seen.add(key)
        problems = read_snapshot(path).problems
        if problems:
            found.append(f"backup {path.name} is damaged: {problems}")
    return found


def run_saves(root: Path, cycles: int, rng: random.Random) -> Tally:
    tally = Tally("saves")
    start = time.monotonic()
    data_dir = root / "saves"
    model = SaveModel()
    backups_seen: set[str] = set()
    for cycle in range(cycles):
        tally.cycles += 1
        # Mostly mid-save; one kill in four early, while the child opens, recovers or creates the file.
        delay = rng.uniform(0, 0.08) if rng.random() < 0.25 else rng.uniform(0.05, 0.4)
        pid, pipe = fork_child(save_worker(data_dir, cycle, rng.randrange(2**32), sorted(model.entries)))
        lines, killed = kill_after(pid, pipe, delay)
        tally.killed += killed
        tally.finished += not killed
        model.apply(lines, tally)
        found = errors_in(lines)
        database = AppPaths.in_dir(data_dir).database
        if database.exists() or model.entries:
            found += model.check(read_snapshot(database), tally)
        if (data_dir / "backups").is_dir():
            found += check_backups(data_dir / "backups", backups_seen)
        tally.findings += [f"cycle {cycle} (delay {delay:.3f} s): {f}" for f in found]
        if found:
            break
    if not tally.findings:  # the app starts cleanly after the last kill, and all is there
        with Companion.open(AppPaths.in_dir(data_dir)) as comp:
            if set(comp.diary.ids()) != set(model.entries):
                tally.findings.append("after the last cycle the app does not list exactly the acknowledged entries")
    tally.seconds = time.monotonic() - start
    return tally


# --- scenario 2: an import in progress ---------------------------------------------------------


def make_export(root: Path, years: float) -> tuple[Path, list[str]]:
    """A JSON export of a demo diary (entries, check-ins, medicines, doses, routine sessions, favourites)."""
    source = root / "import-source"
    with Companion.open(AppPaths.in_dir(source)) as comp:
        fill_demo(comp, years)
        for routine in comp.routines.bundled().list_routines()[:3]:
            comp.routines.set_favourite(routine.id, True)
        export = root / "export.json"
        transfer.export_json(comp, export)
        prints = sorted(fingerprint_entry(e) for e in comp.diary.list_entries())
    return export, prints


def make_baseline(root: Path, rng: random.Random) -> Path:
    """A small diary the import goes into; returns its directory (closed, checkpointed)."""
    base = root / "import-baseline"
    with Companion.open(AppPaths.in_dir(base)) as comp:
        now = comp.clock.now()
        for n in range(20):
            comp.diary.add(random_draft(rng, now, f"baseline-{n}"))
    return base


def fresh_copy(template: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("backups"))
    return target


def import_worker(data_dir: Path, export: Path) -> Callable[[Send], None]:
    def work(send: Send) -> None:
        comp = Companion.open(AppPaths.in_dir(data_dir))
        send("O")
        transfer.import_file(comp, export)
        send("A")
        comp.close()

    return work


def check_import(data_dir: Path, base: Snapshot, imported: list[str], whole: dict[str, int], acked: bool) -> list[str]:
    """The entries there before are untouched; of the import, all rows of every table or none are there."""
    snap = read_snapshot(AppPaths.in_dir(data_dir).database)
    found = list(snap.problems)
    for entry_id, expected in base.entries.items():
        if snap.entries.get(entry_id) != expected:
            found.append(f"entry {entry_id}, there before the import, is missing or changed")
    added = sorted(h for i, h in snap.entries.items() if i not in base.entries)
    if added and added != imported:
        found.append(f"a partial import: {len(added)} of {len(imported)} entries (or changed ones)")
    grown = {t: n - base.counts.get(t, 0) for t, n in snap.counts.items() if n != base.counts.get(t, 0)}
    if grown and grown != whole:
        found.append(f"a partial import: rows added {grown}, a whole import adds {whole}")
    if acked and grown != whole:
        found.append("the import returned but not all of it is there")
    return found


def run_import(root: Path, cycles: int, rng: random.Random, years: float) -> Tally:
    tally = Tally("import")
    start = time.monotonic()
    export, imported = make_export(root, years)
    template = make_baseline(root, rng)
    base = read_snapshot(AppPaths.in_dir(template).database)
    target = root / "import-target"
    t0 = time.monotonic()  # how long a whole open + import takes, to spread the kills over it
    lines, _ = kill_after(*fork_child(import_worker(fresh_copy(template, target), export)), 600)
    span = time.monotonic() - t0
    full = read_snapshot(AppPaths.in_dir(target).database)
    whole = {t: n - base.counts.get(t, 0) for t, n in full.counts.items() if n != base.counts.get(t, 0)}
    if errors_in(lines) or not whole.get("entries") or not whole.get("medications"):
        tally.findings.append(f"the uninterrupted import did not work: {errors_in(lines)} {whole}")
        return tally
    for cycle in range(cycles):
        tally.cycles += 1
        delay = rng.uniform(0, span * 1.1)
        lines, killed = kill_after(*fork_child(import_worker(fresh_copy(template, target), export)), delay)
        tally.killed += killed
        tally.finished += not killed
        acked = acknowledged(lines)
        tally.acknowledged += acked
        found = errors_in(lines) + check_import(target, base, imported, whole, acked)
        after = read_snapshot(AppPaths.in_dir(target).database)
        tally.outcomes["all" if len(after.entries) > len(base.entries) else "none"] += 1
        if not found:  # the app opens it again and can import (the rest of) it
            with Companion.open(AppPaths.in_dir(target)) as comp:
                transfer.import_file(comp, export)
            found = check_import(target, base, imported, whole, True)
        tally.findings += [f"cycle {cycle} (delay {delay:.3f} s of {span:.2f}): {f}" for f in found]
        if found:
            break
    tally.seconds = time.monotonic() - start
    return tally


# --- scenario 3: a migration in progress -------------------------------------------------------


def make_old_database(root: Path, rng: random.Random, count: int) -> Path:
    """The oldest fixture, padded with `count` entries (with child rows) in its own old schema."""
    template = root / "migration-template"
    template.mkdir()
    database = AppPaths.in_dir(template).database
    shutil.copyfile(OLDEST_FIXTURE, database)
    con = sqlite3.connect(database)
    with con:
        start = con.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0] + 1
        for entry_id in range(start, start + count):
            at = 1_700_000_000 + entry_id * 3600
            note = f"old entry {entry_id} " + "ä" * rng.randrange(400)
            con.execute(
                "INSERT INTO entries (id, at_utc, utc_offset, local_day, pain, note, created_utc, updated_utc) "
                "VALUES (?, ?, 60, date(?, 'unixepoch'), ?, ?, ?, ?)",
                (entry_id, at, at, entry_id % 11, note, at, at),
            )
            con.executemany(
                "INSERT INTO entry_locations VALUES (?, ?, ?)", [(entry_id, r, 5) for r in rng.sample(REGIONS, 2)]
            )
            con.execute("INSERT INTO entry_qualities VALUES (?, ?)", (entry_id, rng.choice(PAIN_QUALITIES)))
            con.execute("INSERT INTO entry_tags VALUES (?, 'trigger', ?)", (entry_id, rng.choice(TAGS)))
    con.close()
    return template


def open_worker(data_dir: Path, kill_at_statement: int | None = None) -> Callable[[Send], None]:
    """Open the data (creating or upgrading it); with `kill_at_statement`, die as SQL statement n starts."""

    def work(send: Send) -> None:
        statements = count_statements(kill_at_statement)
        comp = Companion.open(AppPaths.in_dir(data_dir))
        send(f"A {statements[0]}")
        comp.close()

    return work


def count_statements(kill_at: int | None) -> list[int]:
    """In a child: count the SQL statements the app's engines run (SIGKILL itself at number `kill_at`)."""
    from sqlalchemy import event

    from paincompanion.storage import opener

    counter = [0]
    make_engine = opener.make_engine

    def traced(path, key=None):
        engine = make_engine(path, key)

        @event.listens_for(engine, "connect")
        def _trace(dbapi_con, _record) -> None:
            def each(_sql: str) -> None:
                counter[0] += 1
                if counter[0] == kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)

            dbapi_con.set_trace_callback(each)

        return engine

    opener.make_engine = traced  # only in this forked child
    return counter


def pre_migration_backups(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "backups").glob("backup-*-pre-migration.sqlite"))


def check_migration(data_dir: Path, old: Snapshot, acked: bool) -> list[str]:
    snap = read_snapshot(AppPaths.in_dir(data_dir).database)
    found = list(snap.problems)
    if snap.entries != old.entries:
        found.append(f"entries differ from before the upgrade ({len(snap.entries)} vs {len(old.entries)})")
    if snap.revision not in KNOWN_REVISIONS:
        found.append(f"unknown schema revision {snap.revision!r}")
    if acked and snap.revision != HEAD_REVISION:
        found.append(f"the upgrade returned but the file is at {snap.revision}")
    if snap.revision != old.revision:
        backups = pre_migration_backups(data_dir)
        if not backups:
            found.append(f"upgraded to {snap.revision} without a pre-migration backup")
        for backup in backups:
            kept = read_snapshot(backup)
            if kept.problems or kept.entries != old.entries:
                found.append(f"pre-migration backup {backup.name} is damaged or incomplete: {kept.problems[:1]}")
    return found


def run_migration(root: Path, cycles: int, rng: random.Random, size: int) -> Tally:
    tally = Tally("migration")
    start = time.monotonic()
    template = make_old_database(root, rng, size)
    old = read_snapshot(AppPaths.in_dir(template).database)
    target = root / "migration-target"
    t0 = time.monotonic()
    lines, _ = kill_after(*fork_child(open_worker(fresh_copy(template, target))), 600)
    span = time.monotonic() - t0
    statements = int(next(line for line in lines if line.startswith("A ")).split()[1])
    # The upgrade itself is quick next to the backup before it, so every other kill comes exactly
    # as one of the app's SQL statements starts (spread over all of them), the others at random times.
    for cycle in range(cycles):
        tally.cycles += 1
        delay = rng.uniform(0, span * 1.1) if cycle % 2 else 600
        kill_at = None if cycle % 2 else 1 + (cycle // 2) * statements // ((cycles + 1) // 2)
        worker = open_worker(fresh_copy(template, target), kill_at)
        lines, killed = kill_after(*fork_child(worker), delay)
        tally.killed += killed
        tally.finished += not killed
        acked = acknowledged(lines)
        tally.acknowledged += acked
        found = errors_in(lines) + check_migration(target, old, acked)
        tally.outcomes[read_snapshot(AppPaths.in_dir(target).database).revision or "?"] += 1
        if not found:  # reopening finishes the upgrade and loses nothing
            Companion.open(AppPaths.in_dir(target)).close()
            found = check_migration(target, old, True)
        when = f"at statement {kill_at} of {statements}" if kill_at else f"delay {delay:.3f} s of {span:.2f}"
        tally.findings += [f"cycle {cycle} ({when}): {f}" for f in found]
        if found:
            break
    tally.seconds = time.monotonic() - start
    return tally


# --- scenario 4: the very first start ----------------------------------------------------------


def run_first_start(root: Path, cycles: int, rng: random.Random) -> Tally:
    """Kill while the app creates its database for the first time; the next start must just work."""
    tally = Tally("first start")
    start = time.monotonic()
    t0 = time.monotonic()
    kill_after(*fork_child(open_worker(root / "first-start-calibration")), 600)
    span = time.monotonic() - t0
    for cycle in range(cycles):
        tally.cycles += 1
        target = root / f"first-start-{cycle}"
        delay = rng.uniform(0, span * 1.1)
        lines, killed = kill_after(*fork_child(open_worker(target)), delay)
        tally.killed += killed
        tally.finished += not killed
        tally.acknowledged += acknowledged(lines)
        found = errors_in(lines)
        try:
            Companion.open(AppPaths.in_dir(target)).close()
        except Exception as exc:
            found.append(f"the next start fails: {type(exc).__name__}: {exc}")
        found += read_snapshot(AppPaths.in_dir(target).database).problems
        tally.findings += [f"cycle {cycle} (delay {delay:.3f} s of {span:.2f}): {f}" for f in found]
        shutil.rmtree(target, ignore_errors=True)
        if found:
            break
    tally.seconds = time.monotonic() - start
    return tally


# --- scenario 5: encrypt and decrypt ----------------------------------------------------------

PASSPHRASE = "stress test passphrase"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def make_encryption_templates(root: Path, years: float) -> tuple[Path, Path, list[str]]:
    """A plain and an encrypted copy of the same demo diary (closed); and its entries' fingerprints."""
    plain = root / "encryption-plain"
    with Companion.open(AppPaths.in_dir(plain)) as comp:
        fill_demo(comp, years)
        prints = sorted(fingerprint_entry(e) for e in comp.diary.list_entries())
    encrypted = root / "encryption-encrypted"
    shutil.copytree(plain, encrypted)
    with Companion.open(AppPaths.in_dir(encrypted)) as comp:
        comp.encryption.encrypt(PASSPHRASE)
    return plain, encrypted, prints


def watch_journal(database: Path) -> None:
    """In a child: SIGKILL it the moment `database`'s rollback journal holds a change (its header is written)."""
    import threading

    journal = f"{database}-journal"

    def watch() -> None:
        while True:
            try:
                with open(journal, "rb") as fh:
                    if fh.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC:
                        os.kill(os.getpid(), signal.SIGKILL)
            except OSError:
                pass

    threading.Thread(target=watch, daemon=True).start()


def conversion_worker(data_dir: Path, action: str, at_journal: bool) -> Callable[[Send], None]:
    def work(send: Send) -> None:
        paths = AppPaths.in_dir(data_dir)
        comp = Companion.open(paths, passphrase=PASSPHRASE if action == "decrypt" else None)
        send("O")
        if at_journal:
            watch_journal(paths.database)
        if action == "encrypt":
            comp.encryption.encrypt(PASSPHRASE)
        else:
            comp.encryption.decrypt()
        send("A")
        comp.close()

    return work


def check_conversion(data_dir: Path, prints: list[str], action: str, acked: bool) -> tuple[list[str], str]:
    """The app opens the diary as it is after the kill, with every entry unchanged; returns (findings, state)."""
    paths = AppPaths.in_dir(data_dir)
    state = database_state(paths)
    if state not in ("plain", "encrypted"):
        return [f"after the kill the data file is {state!r}"], state
    found: list[str] = []
    target = "encrypted" if action == "encrypt" else "plain"
    if acked and state != target:
        found.append(f"{action} returned but the diary is {state}")
    try:
        with Companion.open(paths, passphrase=PASSPHRASE if state == "encrypted" else None) as comp:
            got = sorted(fingerprint_entry(e) for e in comp.diary.list_entries())
            key = comp._db.key
            if comp.encryption.enabled != (state == "encrypted"):
                found.append(f"the file is {state} but the app opened it as the other")
    except Exception as exc:
        return [f"the {state} diary does not open: {type(exc).__name__}: {exc}"], state
    if got != prints:
        found.append(f"entries differ after the kill ({len(got)} vs {len(prints)})")
    found += read_snapshot(paths.database, key).problems
    names = {p.name for p in paths.data.iterdir() if p.is_file()}
    leftovers = sorted(n for n in names if n.endswith((".encrypting", ".decrypting", ".restoring")))
    if leftovers:
        found.append(f"copies left after the app opened the diary: {leftovers}")
    if (paths.key_file.name in names) != (state == "encrypted"):
        found.append(f"the key file {'is missing' if state == 'encrypted' else 'stayed'} beside the {state} diary")
    return found, state


def finish_conversion(data_dir: Path, action: str) -> None:
    """Run the interrupted command again, as the patient would."""
    paths = AppPaths.in_dir(data_dir)
    encrypted = database_state(paths) == "encrypted"
    with Companion.open(paths, passphrase=PASSPHRASE if encrypted else None) as comp:
        if action == "encrypt" and not encrypted:
            comp.encryption.encrypt(PASSPHRASE)
        elif action == "decrypt" and encrypted:
            comp.encryption.decrypt()


#: Tries of a kill at the journal before the cycle counts as finished (the watcher missed it every time).
JOURNAL_ATTEMPTS = 4


def _conversion_attempt(
    target: Path, prints: list[str], action: str, at_journal: bool, delay: float
) -> tuple[bool, bool, list[str], str]:
    """One conversion in a child killed after `delay` s (or at its journal), checked against the entries'
    `prints`, then finished and checked again as the patient would: (killed, acknowledged, findings, outcome)."""
    lines, killed = kill_after(*fork_child(conversion_worker(target, action, at_journal)), delay)
    acked = acknowledged(lines)
    hot = has_hot_journal(AppPaths.in_dir(target).database)
    found = errors_in(lines)
    more, state = check_conversion(target, prints, action, acked)
    found += more
    outcome = f"{action} {'killed' if killed else 'finished'} -> {state}" + (" (hot journal)" if hot else "")
    if not found:
        finish_conversion(target, action)
        more, state = check_conversion(target, prints, action, True)
        found += more
        if state != ("encrypted" if action == "encrypt" else "plain"):
            found.append(f"running {action} again left the diary {state}")
    return killed, acked, found, outcome


def run_encryption(root: Path, cycles: int, rng: random.Random, years: float) -> Tally:
    tally = Tally("encrypt/decrypt")
    start = time.monotonic()
    cipher_keys.PBKDF2_ITERATIONS = 1000  # (inherited by the children) the conversion, not the KDF, is tested
    plain, encrypted, prints = make_encryption_templates(root, years)
    target = root / "encryption-target"
    spans = {}
    for action, template in (("encrypt", plain), ("decrypt", encrypted)):
        t0 = time.monotonic()
        lines, _ = kill_after(*fork_child(conversion_worker(fresh_copy(template, target), action, False)), 600)
        spans[action] = time.monotonic() - t0
        if errors_in(lines) or not acknowledged(lines):
            tally.findings.append(f"the uninterrupted {action} did not work: {errors_in(lines)}")
            return tally
    for cycle in range(cycles):
        tally.cycles += 1
        action = ("encrypt", "decrypt")[cycle % 2]
        at_journal = cycle % 4 >= 2
        # A busy machine can make the journal watcher (a polling thread) miss its moment: that cycle is tried
        # again (a few times) from a fresh copy, since the kill at the journal is what it is for.
        for attempt in range(JOURNAL_ATTEMPTS if at_journal else 1):
            delay = 600 if at_journal else rng.uniform(0, spans[action] * 1.1)
            source = plain if action == "encrypt" else encrypted
            killed, acked, found, outcome = _conversion_attempt(
                fresh_copy(source, target), prints, action, at_journal, delay
            )
            missed = at_journal and not killed
            if missed:
                tally.outcomes["journal moment missed (the watcher was too slow)"] += 1
            if found or not missed or attempt == JOURNAL_ATTEMPTS - 1:
                break
        tally.killed += killed
        tally.finished += not killed
        tally.acknowledged += acked
        tally.outcomes[outcome] += 1
        when = "at its journal" if at_journal else f"delay {delay:.3f} s of {spans[action]:.2f}"
        tally.findings += [f"cycle {cycle} ({action}, {when}): {f}" for f in found]
        if found:
            break
    tally.seconds = time.monotonic() - start
    return tally


# --- entry point -------------------------------------------------------------------------------


def main(
    cycles: int = 200,
    seed: int = 1,
    import_cycles: int | None = None,
    migration_cycles: int | None = None,
    import_years: float = 1.0,
    migration_size: int = 3000,
    first_start_cycles: int | None = None,
    encryption_cycles: int | None = None,
    encryption_years: float = 1.0,
) -> int:
    """Run all five scenarios; print the numbers and any findings; return the exit status."""
    rng = random.Random(seed)
    encryption_cycles = cycles // 4 if encryption_cycles is None else encryption_cycles
    import_cycles = cycles // 4 if import_cycles is None else import_cycles
    migration_cycles = cycles // 4 if migration_cycles is None else migration_cycles
    first_start_cycles = max(5, cycles // 10) if first_start_cycles is None else first_start_cycles
    with tempfile.TemporaryDirectory(prefix="pc-stress-") as tmp:
        root = Path(tmp)
        tallies = [run_saves(root, cycles, rng)]
        if import_cycles:
            tallies.append(run_import(root, import_cycles, rng, import_years))
        if migration_cycles:
            tallies.append(run_migration(root, migration_cycles, rng, migration_size))
        if first_start_cycles:
            tallies.append(run_first_start(root, first_start_cycles, rng))
        if encryption_cycles:
            tallies.append(run_encryption(root, encryption_cycles, rng, encryption_years))
    print(f"crash harness, seed {seed}")
    for tally in tallies:
        print("  " + tally.line())
        for finding in tally.findings:
            print(f"  FINDING ({tally.name}, seed {seed}): {finding}")
    return 1 if any(t.findings for t in tallies) else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=200, help="kill cycles during saves")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--import-cycles", type=int, default=None, help="default: cycles / 4")
    parser.add_argument("--migration-cycles", type=int, default=None, help="default: cycles / 4")
    parser.add_argument("--import-years", type=float, default=1.0, help="years of demo data in the imported file")
    parser.add_argument("--migration-size", type=int, default=3000, help="entries in the old database")
    parser.add_argument("--first-start-cycles", type=int, default=None, help="default: max(5, cycles / 10)")
    parser.add_argument("--encryption-cycles", type=int, default=None, help="kills during encrypt/decrypt (cycles / 4)")
    parser.add_argument("--encryption-years", type=float, default=1.0, help="years of demo data in that diary")
    return parser.parse_args(argv)


if __name__ == "__main__":
    args = parse_args()
    sys.exit(
        main(
            args.cycles,
            args.seed,
            args.import_cycles,
            args.migration_cycles,
            args.import_years,
            args.migration_size,
            args.first_start_cycles,
            args.encryption_cycles,
            args.encryption_years,
        )
    )
