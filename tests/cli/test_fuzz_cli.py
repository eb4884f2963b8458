"""Every subcommand (found from the argparse parser, nested actions included) under hostile arguments.

Seeded and bounded (well under a minute): each command path gets random mixes of its own options with hostile
values (million-digit numbers, years 1 and 9999, ids ≥ 2^63, non-UTF-8 bytes, escape sequences, 300-character
file names, folders, FIFOs, the app's own files…) and plausible ones (so deeper code runs too), in a private
data folder that holds a few entries and a medicine. Fails on any exception that leaves `main`, any traceback,
and any refusal that is not one plain line on stderr.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
from pathlib import Path

import pytest

from paincompanion.cli.main import COMMANDS, build_parser, main
from paincompanion.storage import cipher_keys

UNEXPECTED = "Something unexpected went wrong"  # cli.main.UNEXPECTED: the last-resort guard fired
SEED = 20261206
CASES_PER_PATH = int(os.environ.get("PC_FUZZ_CASES", "8"))
#: Slow even when valid (key derivation, a year of demo data, erasing everything): fewer cases.
SLOW_PATHS = {("encrypt",), ("decrypt",), ("change-passphrase",), ("demo",), ("delete-all-data",), ("report",)}


def command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """(path of subcommand names, its parser) for every leaf command, from the parser itself."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield prefix, parser
        return
    for name, child in subs[0].choices.items():
        yield from command_paths(child, (*prefix, name))


def _paths() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = list(command_paths(build_parser()))
    assert {path[0] for path, _ in found} == set(COMMANDS)  # every top-level command is reached
    return found


PATHS = _paths()


def hostile_values(tmp: Path, data: Path) -> list[str]:
    fifo = tmp / "fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    return [
        "",
        " ",
        "9" * 5000,
        "-" + "9" * 4400,
        str(2**63),
        str(2**63 - 1),
        "-1",
        "0",
        "1e400",
        "nan",
        "0001-01-01",
        "9999-12-31",
        "9999-12-31T23:59",
        "0001-01-01T00:00+14:00",
        "2026-03-29T02:30",
        "1900-01-01T00:00-14:00",
        os.fsdecode(b"caf\xe9 \xff\xfe"),  # an argument that is not UTF-8 (surrogateescape)
        "\x1b[2J\x1b]0;owned\x07",
        "\u202etxt.exe",
        "a" * 300,
        str(tmp / ("n" * 300 + ".json")),
        str(tmp),  # a folder
        str(fifo),  # a FIFO
        str(data / "paincompanion.sqlite"),
        str(data / "backups"),
        "-",
        "=",
        ",,",
        "x=",
        "5/0",
        "99/3",
        "lower back left=" + "9" * 5000,
    ]


PLAUSIBLE = {
    "pain": "5",
    "mood": "4",
    "at": "2026-01-05T08:15",
    "on": "2026-01-06",
    "from": "2026-01-01",
    "to": "2026-02-01",
    "date": "2026-01-05",
    "start": "2026-01-01",
    "stop": "2026-01-10",
    "days": "30",
    "where": "left knee=6",
    "id": "1",
    "routine_id": "box-breathing",
    "strength": "400",
    "schedule": "2",
    "years": "0.05",
}


def _value(rng: random.Random, dest: str, hostile: list[str], tmp: Path) -> str:
    roll = rng.random()
    if roll < 0.3 and dest in PLAUSIBLE:
        return PLAUSIBLE[dest]
    if roll < 0.4:
        return str(tmp / f"out-{rng.randrange(1000)}.{rng.choice(['json', 'csv', 'pdf'])}")
    return rng.choice(hostile)


def random_argv(rng: random.Random, path: tuple[str, ...], parser, hostile: list[str], tmp: Path) -> list[str]:
    """The command path plus its required positionals and options and a random subset of the others."""
    options: list[str] = []
    positionals: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._VersionAction):
            continue
        if not action.option_strings:
            count = 1 if action.nargs in (None, "?") else rng.randrange(0, 3)
            positionals += [_value(rng, action.dest, hostile, tmp) for _ in range(count)]
            continue
        if not action.required and rng.random() < 0.6:
            continue
        flag = rng.choice(action.option_strings)
        if action.nargs == 0:
            options.append(flag)
        elif action.choices:
            options += [flag, rng.choice([*map(str, action.choices), "nope"])]
        else:
            options += [flag, _value(rng, action.dest, hostile, tmp)]
    argv = [*path, *options]
    if positionals:
        argv += ["--", *positionals] if any(p.startswith("-") and p != "-" for p in positionals) else positionals
    return argv


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A data folder with two entries, a PEG check-in and a medicine with a dose (copied for each case)."""
    data = tmp_path_factory.mktemp("template") / "data"
    for argv in (
        ["log", "--pain", "4", "--at", "2026-01-05T08:00", "--note", "first"],
        ["log", "--pain", "6", "--where", "left knee=7"],
        ["peg", "--pain", "5", "--enjoyment", "4", "--activity", "6"],
        ["meds", "add", "Ibuprofen", "--strength", "400"],
        ["meds", "take", "1", "--amount", "1 tablet"],
    ):
        assert main(["--data-dir", str(data), *argv]) == 0
    return data


def _check_one(argv: list[str], data: Path, capsys, passphrase: Path) -> str | None:
    try:
        code = main(["--data-dir", str(data), "--passphrase-file", str(passphrase), *argv])
    except SystemExit as exc:  # argparse: usage errors (2) and --help (0)
        code = exc.code
    except BaseException as exc:  # the point of the test
        capsys.readouterr()
        return f"{argv!r}: {type(exc).__name__}: {exc!s:.200}"
    out, err = capsys.readouterr()
    if "Traceback" in err or "Traceback" in out:
        return f"{argv!r}: traceback printed"
    if UNEXPECTED in err:  # main's last-resort guard caught a bug: known inputs need real validation
        return f"{argv!r}: {err.strip()[:300]}"
    if not isinstance(code, int):
        return f"{argv!r}: exit status {code!r}"
    if code != 0:
        lines = [line for line in err.splitlines() if line.strip()]
        if not lines:
            return f"{argv!r}: exit {code} without a message"
        if not lines[-1].startswith("paincompanion"):
            return f"{argv!r}: the last line on stderr is not the error: {lines[-1][:120]!r}"
    if "\x1b" in out or "\x1b" in err:
        return f"{argv!r}: a raw escape character reached the terminal"
    return None


@pytest.mark.parametrize(("path", "parser"), PATHS, ids=[" ".join(p) for p, _ in PATHS])
def test_every_subcommand_survives_hostile_arguments(path, parser, template, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative output names land in the test's folder
    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)
    monkeypatch.delenv("PAINCOMPANION_PASSPHRASE", raising=False)
    monkeypatch.delenv("PAINCOMPANION_HOME", raising=False)
    rng = random.Random(f"{SEED}:{' '.join(path)}")
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("correct horse battery\n", encoding="utf-8")
    failures = []
    cases = 4 if path[:1] in {p[:1] for p in SLOW_PATHS} else CASES_PER_PATH
    for case in range(cases):
        data = tmp_path / f"data-{case}"
        shutil.copytree(template, data)
        hostile = hostile_values(tmp_path, data)
        argv = random_argv(rng, path, parser, hostile, tmp_path)
        problem = _check_one(argv, data, capsys, passphrase)
        if problem:
            failures.append(problem)
        shutil.rmtree(data, ignore_errors=True)
    assert failures == []


def _survives(argv: list[str], capsys) -> str | None:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    except BaseException as exc:  # the point of the test
        capsys.readouterr()
        return f"{argv!r}: {type(exc).__name__}: {exc!s:.200}"
    err = capsys.readouterr().err
    if "Traceback" in err or UNEXPECTED in err or (code != 0 and not err.strip()):
        return f"{argv!r}: {err[:300]}"
    return None


def test_hostile_data_dirs_and_passphrase_files(template, tmp_path, capsys, monkeypatch):
    """The global options too: --data-dir, and --passphrase-file for an encrypted diary, with every hostile value."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAINCOMPANION_HOME", str(tmp_path / "home"))  # an empty --data-dir stays in the test
    monkeypatch.delenv("PAINCOMPANION_PASSPHRASE", raising=False)
    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)
    data, locked = tmp_path / "data", tmp_path / "locked"
    shutil.copytree(template, data)
    shutil.copytree(template, locked)
    secret = tmp_path / "secret.txt"
    secret.write_text("correct horse battery\n")
    assert main(["--data-dir", str(locked), "encrypt", "--new-passphrase-file", str(secret)]) == 0
    capsys.readouterr()
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    values = [*hostile_values(tmp_path, data), str(not_a_folder), str(not_a_folder / "below")]
    failures = []
    for value in values:
        for argv in (
            ["--data-dir", value, "log", "--pain", "3"],
            ["--data-dir", str(locked), "--passphrase-file", value, "entries"],
        ):
            failures.append(_survives(argv, capsys))
    assert [f for f in failures if f] == []
