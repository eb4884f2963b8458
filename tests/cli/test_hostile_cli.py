"""Issue 17, the CLI side: the inputs a hostile tester found, each one plain line, exit 1 and nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from paincompanion import logsetup
from paincompanion.cli import common
from paincompanion.cli.main import main
from paincompanion.storage import cipher_keys

from .conftest import make_runner

PASS = "correct horse battery"


def tree_hashes(data: Path) -> dict[str, str]:
    """Every file in the data folder and its sha256: proves a refused command changed nothing."""
    return {
        str(p.relative_to(data)): hashlib.sha256(p.read_bytes()).hexdigest() for p in data.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A data folder with an entry, a medicine and a backup, made once (copied for each test)."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    for argv in (
        ["log", "--pain", "4", "--at", "2026-01-05T08:00", "--note", "first"],
        ["meds", "add", "Ibuprofen", "--strength", "400"],
        ["backup", "create"],
    ):
        assert main(["--data-dir", str(data), *argv]) == 0
    return data


@pytest.fixture
def diary(template, tmp_path, capsys):
    shutil.copytree(template, tmp_path / "data")
    capsys.readouterr()
    return make_runner(tmp_path / "data", capsys)


def refused(run, *args: str, match: str) -> str:
    before = tree_hashes(run.data)
    code, out, err = run(*args)
    assert code == 1, (code, out, err)
    assert err.count("\n") == 1 and err.startswith("paincompanion: "), err
    assert match in err, err
    assert tree_hashes(run.data) == before
    return err


@pytest.fixture
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# -- bounds, through the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["log", "--pain", "9" * 5000], "Pain must be a whole number from 0 to 10"),
        (["log", "--pain", "3", "--mood", "-" + "9" * 4400], "Mood must be a whole number"),
        (["log", "--pain", "3", "--where", "left knee=" + "9" * 5000], "Pain in Left knee"),
        (["peg", "--pain", "9" * 5000, "--enjoyment", "1", "--activity", "1"], "PEG pain"),
        (["log", "--pain", "3", "--at", "0001-01-01"], "the year must be from 1900 to 9998"),
        (["log", "--pain", "3", "--at", "9999-12-31T23:59"], "the year must be from 1900 to 9998"),
        (["meds", "take", "1", "--at", "0001-01-01"], "the year must be from 1900 to 9998"),
        (["entries", "--from", "0001-01-01"], "the year must be from 1900 to 9998"),
        (["meds", "doses", "--to", "9999-12-31"], "the year must be from 1900 to 9998"),
        (["report", "--days", "100000000", "-o", "x.pdf"], "--days must be from 1 to 36,525"),
        (["report", "--days", "9" * 5000, "-o", "x.pdf"], "--days must be a whole number"),
        (["edit", str(2**63), "--pain", "3"], "ids are from 1 to"),
        (["delete", "9" * 5000], "The entry id must be a number"),
        (["meds", "restart", str(2**63)], "ids are from 1 to"),
        (["meds", "stop", str(2**64)], "ids are from 1 to"),
        (["routines", "log", "flare-day-movement", "--before", "9" * 5000], "--before must be a whole number"),
        (["routines", "list", "--max-minutes", "9" * 5000], "--max-minutes must be a whole number"),
        (["demo", "--years", "1e400"], "--years must be more than 0 and at most 50"),
        (["log", "--pain", "3", "--sleep-hours", "1" * 5000], "Hours of sleep"),
    ],
)
def test_out_of_bounds_numbers_dates_and_ids_are_one_line(diary, args, match):
    refused(diary, *args, match=match)


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--pain", "3", "--note", os.fsdecode(b"caf\xe9")],
        ["log", "--pain", "3", "--trigger", os.fsdecode(b"\xff\xfe")],
        ["meds", "add", os.fsdecode(b"Ibu\xff")],
        ["meds", "take", "1", "--amount", os.fsdecode(b"\xff tablet")],
        ["routines", "log", "flare-day-movement", "--note", os.fsdecode(b"\xff")],
        ["entries", "--text", os.fsdecode(b"\xff")],
    ],
)
def test_arguments_that_are_not_utf8_are_refused_in_one_line(diary, args):
    refused(diary, *args, match="not valid text (not UTF-8)")


def test_a_non_utf8_name_in_interactions_is_refused_in_one_line_not_a_crash(run):
    code, out, err = run("interactions", os.fsdecode(b"caf\xe9"))
    assert code == 1 and "not valid text (not UTF-8)" in err and len(err.strip().splitlines()) == 1


def test_texts_over_their_limit_and_control_characters_in_names_are_refused(diary):
    refused(diary, "meds", "add", "x" * 201, match="at most 200 characters")
    refused(diary, "meds", "add", "Ibu\x1b[2Jprofen", match="control character (\\x1b)")
    refused(diary, "log", "--pain", "3", "--note", "n" * 100_001, match="longer than 100,000 characters")
    refused(diary, "log", "--pain", "3", "--trigger", "a\x07b", match="control character")


def test_a_300_character_output_name_is_one_line(diary, tmp_path):
    refused(diary, "export", "-o", str(tmp_path / ("n" * 300 + ".json")), match="too long")
    refused(diary, "report", "--days", "30", "-o", str(tmp_path / ("n" * 300 + ".pdf")), match="too long")


def test_a_data_dir_that_is_a_file_is_one_line(tmp_path, capsys):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    commands = [["log", "--pain", "3"], ["entries"], ["backup", "list"], ["encrypt"], ["decrypt"], ["db", "check"]]
    for argv in [*commands, ["delete-all-data", "--yes-delete-everything"]]:
        code = main(["--data-dir", str(not_a_folder), *argv])
        err = capsys.readouterr().err
        assert code == 1 and "is a file, not a folder" in err and err.count("\n") == 1, (argv, err)
    below = main(["--data-dir", str(not_a_folder / "sub"), "entries"])
    assert below == 1 and "is a file, not a folder" in capsys.readouterr().err
    assert not_a_folder.read_text() == "mine"


def test_a_bug_still_ends_in_one_line_and_logs_code_locations_only(run, monkeypatch):
    def broken(args):
        raise KeyError("my secret note text")

    monkeypatch.setattr("paincompanion.cli.commands.diary.run", broken)
    code, _, err = run("entries")
    assert code == 1 and err.count("\n") == 1
    assert "Something unexpected went wrong (KeyError)" in err
    log = run.data / "cache" / "logs" / logsetup.LOG_FILENAME
    assert str(log) in err
    text = log.read_text()
    assert "in broken" in text and "KeyError" in text
    assert "secret" not in text  # what the patient wrote never goes to the log


def test_an_os_error_is_one_line(run, monkeypatch):
    def full(args):
        raise OSError(28, "No space left on device", "/somewhere/file.json")

    monkeypatch.setattr("paincompanion.cli.commands.diary.run", full)
    code, _, err = run("entries")
    assert code == 1 and err == "paincompanion: /somewhere/file.json: No space left on device. Nothing more was done.\n"


# -- writes refuse the app's own files ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["export", "--format", "json"], ["export", "--format", "csv"], ["report"]])
@pytest.mark.parametrize("target", ["paincompanion.sqlite", "paincompanion.sqlite-wal", "paincompanion.key", "backup"])
def test_export_and_report_refuse_the_apps_own_files(diary, command, target):
    if target == "backup":
        path = next((diary.data / "backups").iterdir())
    else:
        path = diary.data / target
        if target == "paincompanion.key":
            path.write_bytes(b"stand-in for the key file")
    err = refused(diary, *command, "-o", str(path), match="one of Pain Companion's own files")
    assert "Nothing was written" in err
    assert diary("entries", json_out=True)[0] == 0


def test_a_link_to_the_diary_is_refused_too(diary, tmp_path):
    link = tmp_path / "innocent.json"
    link.symlink_to(diary.data / "paincompanion.sqlite")
    refused(diary, "export", "-o", str(link), match="is your diary")


def test_export_into_the_data_folder_under_another_name_still_works(diary):
    code, _, err = diary("export", "-o", str(diary.data / "my-export.json"))
    assert code == 0 and err == ""
    assert json.loads((diary.data / "my-export.json").read_text())["entries"]


# -- import: say what the path is -----------------------------------------------------------------------------


def test_import_of_a_folder_or_a_fifo_says_what_it_is(diary, tmp_path):
    refused(diary, "import", str(tmp_path), match="is a folder, not a file")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(diary, "import", str(fifo), match="is a named pipe (FIFO), not a file")
    refused(diary, "import", str(tmp_path / "missing.json"), match="there is no file")
    refused(diary, "backup", "restore", str(tmp_path), match="is a folder, not a file")
    refused(diary, "mme", str(fifo), match="is a named pipe (FIFO), not a file")


# -- passphrase files ---------------------------------------------------------------------------------------------


@pytest.fixture
def fast_keys(monkeypatch):
    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)
    monkeypatch.delenv("PAINCOMPANION_PASSPHRASE", raising=False)
    monkeypatch.setattr(common, "interactive", lambda: False)


@pytest.mark.parametrize(
    "content",
    [
        b"\xef\xbb\xbf" + PASS.encode() + b"\r\n",  # Notepad: byte-order mark and a Windows line break
        b"\xef\xbb\xbf" + PASS.encode(),
        PASS.encode() + b"\n",
        PASS.encode(),
    ],
)
def test_a_passphrase_file_with_a_byte_order_mark_opens_the_diary(run, tmp_path, fast_keys, content):
    plain = tmp_path / "new.txt"
    plain.write_bytes(b"\xef\xbb\xbf" + PASS.encode() + b"\r\n")  # set with a Notepad file …
    assert run("log", "--pain", "3")[0] == 0
    assert run("encrypt", "--new-passphrase-file", str(plain))[0] == 0
    given = tmp_path / "given.txt"
    given.write_bytes(content)  # … opened with any of these
    code = main(["--data-dir", str(run.data), "--passphrase-file", str(given), "entries"])
    assert code == 0
    env = main(["--data-dir", str(run.data), "entries"]) if not os.environ.get("PAINCOMPANION_PASSPHRASE") else 0
    assert env == 1  # and the passphrase is really needed


def test_only_one_trailing_line_break_is_removed(run, tmp_path, fast_keys):
    exact = tmp_path / "exact.txt"
    exact.write_bytes(PASS.encode() + b"\n")
    assert run("log", "--pain", "3")[0] == 0
    assert run("encrypt", "--new-passphrase-file", str(exact))[0] == 0
    spaced = tmp_path / "spaced.txt"
    spaced.write_bytes(PASS.encode() + b" \n")
    assert main(["--data-dir", str(run.data), "--passphrase-file", str(spaced), "entries"]) == 1  # spaces count
    assert main(["--data-dir", str(run.data), "--passphrase-file", str(exact), "entries"]) == 0
    two = tmp_path / "two.txt"
    two.write_bytes(PASS.encode() + b"\n\n")
    code, _, err = run("--passphrase-file", str(two), "entries")
    assert code == 1 and "has more than one line" in err


def test_the_help_says_how_a_passphrase_file_is_read(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "mark and one final line break are ignored" in " ".join(capsys.readouterr().out.split())


# -- clock changes ------------------------------------------------------------------------------------------------


def test_a_time_in_the_spring_forward_gap_is_refused_with_the_time_to_give(diary, berlin):
    refused(diary, "log", "--pain", "3", "--at", "2026-03-29T02:30", match="does not exist here")
    refused(diary, "meds", "take", "1", "--at", "2026-03-29T02:30", match="Give 03:30 instead")
    refused(diary, "routines", "log", "flare-day-movement", "--at", "2026-03-29T02:30", match="clocks went forward")


def test_an_autumn_time_that_happens_twice_is_the_first(diary, berlin):
    code, out, _ = diary("log", "--pain", "3", "--at", "2026-10-25T02:30", json_out=True)
    assert code == 0 and out["entry"]["at"] == "2026-10-25T02:30:00+02:00"
    code, out, _ = diary("log", "--pain", "3", "--at", "2026-10-25T02:30+01:00", json_out=True)
    assert code == 0 and out["entry"]["at"] == "2026-10-25T02:30:00+01:00"


# -- future routine sessions --------------------------------------------------------------------------------------


@pytest.mark.parametrize("at", ["9998-12-31T10:00", "2099-01-01T10:00"])
def test_a_routine_session_in_the_future_is_refused(diary, at):
    refused(diary, "routines", "log", "flare-day-movement", "--at", at, match="is in the future")
    refused(diary, "routines", "log", "flare-day-movement", "--at", "9999-01-01T10:00", match="year must be")


# -- escape sequences never reach the terminal ------------------------------------------------------------------


def test_an_escape_sequence_in_a_stored_name_is_shown_escaped(diary):
    with sqlite3.connect(diary.data / "paincompanion.sqlite") as conn:  # as an older import could have left it
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        table = "medications" if "medications" in tables else next(t for t in tables if "med" in t)
        conn.execute(f"UPDATE {table} SET name = ?", ("Ibu\x1b[2J\x1b]0;owned\x07\x9b31m",))
    for args in (["meds", "list"], ["meds", "take", "1"], ["meds", "doses"], ["interactions", "--mine"]):
        code, out, err = diary(*args)
        assert code == 0, (args, err)
        assert "\x1b" not in out + err and "\x07" not in out + err and "\x9b" not in out + err, args
        assert "Ibu\\x1b[2J" in out, args
    code, out, _ = diary("meds", "list", json_out=True)
    assert code == 0 and out["medications"][0]["name"] == "Ibu\x1b[2J\x1b]0;owned\x07\x9b31m"  # JSON keeps it, escaped


def test_an_escape_sequence_in_a_note_is_shown_escaped(diary):
    assert diary("log", "--pain", "3", "--note", "line\x1b[2J")[0] == 0
    code, out, _ = diary("entries")
    assert code == 0 and "\x1b" not in out and "\\x1b[2J" in out


@pytest.mark.parametrize(
    ("document", "match"),
    [
        ('[{"drug": "tramadol", "strength_mg": 1' + "0" * 5000 + ', "doses_per_day": 4}]', "number too long"),
        ('[{"drug": "tramadol", "strength_mg": 1' + "0" * 400 + ', "doses_per_day": 4}]', "at most 1,000,000"),
        ('[{"drug": "tramadol", "strength_mg": 50, "doses_per_day": 1e308}]', "at most 24"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_an_mme_file_with_absurd_numbers_is_one_line(run, tmp_path, document, match):
    path = tmp_path / "opioids.json"
    path.write_text(document)
    code, out, err = run("mme", str(path))
    assert code == 1 and out == "" and err.count("\n") == 1 and match in err, err


def test_a_usage_error_shows_escape_sequences_escaped(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["entries", "\x1b[2J", os.fsdecode(b"\xff")])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and err.count("\n") == 1
    assert "\x1b" not in err and "\\x1b[2J" in err and "\\udcff" in err
