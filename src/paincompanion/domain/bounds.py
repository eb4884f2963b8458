"""The one place where user-facing numbers, dates, times, ids, texts and file names are parsed, with bounds.

Every function takes what the user (or an imported file) gave, and either returns a clean value or raises
`ValidationError` with one plain sentence naming `what` (e.g. "Pain", "--at", "The note"). Nothing here
touches the data, so a refused value has changed nothing. Stdlib only (no Qt, no SQLAlchemy): usable by the
CLI, the importers and the GUI alike.

Bounds (and why):

- whole numbers and decimals: at most `MAX_NUMBER_CHARS` characters, checked *before* `int()`/`float()`,
  so a million-digit string is a plain refusal, not Python's int-to-str limit error;
- ratings (pain, mood, place intensity, PEG items…): whole numbers 0–10 (`parse_score`);
- ids: 1 to 2^63 − 1, the range of a stored SQLite integer (`parse_id`);
- days and times: years `MIN_YEAR`–`MAX_YEAR` (`parse_day`, `parse_moment`, `check_moment`), so date
  arithmetic and time-zone conversion never overflow; periods at most `MAX_PERIOD_DAYS` (`parse_days`);
- local times (no UTC offset given): a time that does not exist because the clocks went forward (the
  spring-forward gap) is refused with the time to use instead; a time that happens twice (the autumn hour)
  is the FIRST occurrence (summer time); give an offset (e.g. +01:00) for the second (`local_aware`);
- texts: a length limit, no undecodable bytes (e.g. from an argument that was not UTF-8), and no control
  characters in one-line texts such as a medicine's name (`check_text`, `one_line`); notes keep theirs;
- file names: each part at most `MAX_NAME_BYTES` bytes, the whole at most `MAX_PATH_BYTES`, no NUL
  (`check_path`); files to read must be regular files (`check_input_file`); files to write must not be a
  folder, must be in an existing folder and must not be one of the app's own files (`check_output_file`,
  `app_file_kind`);
- output: `printable` shows control characters as visible escapes, so user text never drives the terminal.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal, overload

from ..errors import ValidationError

MAX_NUMBER_CHARS = 40
MIN_YEAR = 1900
MAX_YEAR = 9998
MIN_DAY = date(MIN_YEAR, 1, 1)
MAX_DAY = date(MAX_YEAR, 12, 31)
MAX_ID = 2**63 - 1
#: Longest period for a report or a listing (100 years).
MAX_PERIOD_DAYS = 36_525
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096

#: Names (and name starts) of the files the app keeps directly in its data folder; `backups/` and `cache/`
#: are the app's too. Starts, because SQLite and the app add suffixes: -wal, -shm, -journal, .unopenable-….
OWN_NAME_STARTS = ("paincompanion.sqlite", "paincompanion.key", "ui-state.ini", "gui.lock")
OWN_FOLDERS = ("backups", "cache")

_INT = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?")


# -- numbers ---------------------------------------------------------------------------------------------------


def _number_text(value: str, what: str, kind: str) -> str:
    text = value.strip()
    if len(text) > MAX_NUMBER_CHARS:
        raise ValidationError(f"{what} must be {kind}, not a {len(text):,}-character text.")
    return text


def _blank(value: object, what: str, kind: str, required: bool) -> bool:
    """True for None or an empty text (refused when `required`); a bool is never a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"{what} is required: {kind}.")
        return True
    if isinstance(value, bool):
        raise ValidationError(f"{what} must be {kind}, not {value!r}.")
    return False


@overload
def parse_int(value: object, what: str, *, low: int, high: int, required: Literal[True]) -> int: ...
@overload
def parse_int(value: object, what: str, *, low: int, high: int, required: bool = False) -> int | None: ...


def parse_int(value: object, what: str, *, low: int, high: int, required: bool = False) -> int | None:
    """A whole number from `low` to `high`; None for None or an empty text (unless `required`).

    Accepts ints, whole floats and texts of ASCII digits with an optional sign (no more than MAX_NUMBER_CHARS).
    """
    kind = f"a whole number from {low:,} to {high:,}"
    if _blank(value, what, kind, required):
        return None
    if isinstance(value, str):
        text = _number_text(value, what, kind)
        if not _INT.fullmatch(text):
            raise ValidationError(f"{what} must be {kind}, not {printable(repr(text))}.")
        value = int(text)
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise ValidationError(f"{what} must be {kind}, not {value}.")
        value = int(value)
    if not isinstance(value, int):
        raise ValidationError(f"{what} must be {kind}.")
    if not low <= value <= high:
        shown = str(value) if abs(value) < 10**MAX_NUMBER_CHARS else "that"
        raise ValidationError(f"{what} must be from {low:,} to {high:,}, not {shown}.")
    return value


@overload
def parse_score(value: object, what: str, *, required: Literal[True]) -> int: ...
@overload
def parse_score(value: object, what: str, *, required: bool = False) -> int | None: ...


def parse_score(value: object, what: str, *, required: bool = False) -> int | None:
    """A 0–10 rating (pain, mood, a place's intensity, a PEG item…)."""
    kind = "a whole number from 0 to 10"
    if _blank(value, what, kind, required):
        return None
    if isinstance(value, str) and not _INT.fullmatch(_number_text(value, what, kind)):
        raise ValidationError(f"{what} must be {kind}, not {printable(repr(value.strip()))}.")
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise ValidationError(f"{what} must be {kind}, not {value}.")
    return parse_int(value, what, low=0, high=10, required=required)


def parse_id(value: object, what: str = "The id") -> int:
    """A stored record's id: a whole number from 1 to 2^63 − 1."""
    kind = "a number like 12"
    if isinstance(value, str):
        if not value.strip().lstrip("#").isdecimal():
            raise ValidationError(f"{what} is a number like 12, not {printable(repr(value[:60]))}.")
        text = value.strip().lstrip("#")
        if not _INT.fullmatch(_number_text(text, what, kind)) or text.startswith(("+", "-")):
            raise ValidationError(f"{what} must be {kind}, not {printable(repr(value))}.")
        value = int(text)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{what} must be {kind}.")
    if not 1 <= value <= MAX_ID:
        shown = f"{what} {value}" if abs(value) < 10**MAX_NUMBER_CHARS else what
        raise ValidationError(f"{shown} does not exist: ids are from 1 to {MAX_ID:,}.")
    return value


@overload
def parse_number(
    value: object, what: str, *, low: float, high: float, low_open: bool = False, required: Literal[True]
) -> float: ...
@overload
def parse_number(
    value: object, what: str, *, low: float, high: float, low_open: bool = False, required: bool = False
) -> float | None: ...


def parse_number(
    value: object, what: str, *, low: float, high: float, low_open: bool = False, required: bool = False
) -> float | None:
    """A finite decimal from `low` (excluded when `low_open`) to `high`; a comma may be the decimal mark."""
    kind = f"a number from {low:g} to {high:g}"
    if _blank(value, what, kind, required):
        return None
    if isinstance(value, str):
        text = _number_text(value, what, kind)
        if not _DECIMAL.fullmatch(text):
            raise ValidationError(f"{what} must be {kind}, not {printable(repr(text))}.")
        number = float(text.replace(",", "."))
    elif isinstance(value, int | float):
        number = float(value) if not isinstance(value, int) or abs(value) < 10**300 else math.inf
    else:
        raise ValidationError(f"{what} must be {kind}.")
    too_low = number <= low if low_open else number < low
    if not math.isfinite(number) or too_low or number > high:
        more = f"more than {low:g}" if low_open else f"at least {low:g}"
        raise ValidationError(f"{what} must be {more} and at most {high:g}.")
    return number


def parse_days(value: object, what: str, *, high: int = MAX_PERIOD_DAYS) -> int | None:
    """A number of days for a period (1 to `high`, 100 years by default)."""
    return parse_int(value, what, low=1, high=high)


# -- days and times --------------------------------------------------------------------------------------------


def check_day(day: date, what: str) -> date:
    """`day` unless its year is outside MIN_YEAR–MAX_YEAR."""
    if not MIN_DAY <= (day.date() if isinstance(day, datetime) else day) <= MAX_DAY:
        raise ValidationError(f"{what}: the year must be from {MIN_YEAR} to {MAX_YEAR}, not {day.year}.")
    return day


def parse_day(value: object, what: str) -> date | None:
    """A day like 2026-03-10 (None for None or empty), years MIN_YEAR–MAX_YEAR."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return check_day(value.date(), what)
    if isinstance(value, date):
        return check_day(value, what)
    text = str(value).strip()
    try:
        if len(text) > MAX_NUMBER_CHARS:
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{what} must be a date like 2026-03-10, not {printable(repr(text[:60]))}.") from None
    return check_day(day, what)


def check_moment(moment: datetime, what: str = "The time") -> datetime:
    """`moment` unless its year is outside MIN_YEAR–MAX_YEAR (checked before any time-zone arithmetic)."""
    if not isinstance(moment, datetime):
        raise ValidationError(f"{what} must be a date and time.")
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise ValidationError(f"{what}: the year must be from {MIN_YEAR} to {MAX_YEAR}, not {moment.year}.")
    return moment


#: Times moved forward out of a spring-forward gap while a `collect_gap_moves()` block runs (for import notes).
_GAP_MOVES: ContextVar[list[tuple[datetime, datetime]] | None] = ContextVar("gap_moves", default=None)


@contextmanager
def collect_gap_moves() -> Iterator[list[tuple[datetime, datetime]]]:
    """Collect (given, stored) wall-clock times that `local_aware(gap="forward")` moved forward in this block."""
    moves: list[tuple[datetime, datetime]] = []
    token = _GAP_MOVES.set(moves)
    try:
        yield moves
    finally:
        _GAP_MOVES.reset(token)


def gap_note(moves: list[tuple[datetime, datetime]]) -> str | None:
    """One plain sentence for the import preview about times moved out of a spring-forward gap, or None."""
    if not moves:
        return None
    given, stored = moves[0]
    more = f" ({len(moves):,} times in all)" if len(moves) > 1 else ""
    return (
        f"Times in the hour the clocks went forward do not exist, so they were moved forward by that hour, never "
        f"back: for example {given:%Y-%m-%d %H:%M} was stored as {stored:%H:%M}{more}."
    )


def local_aware(naive: datetime, what: str = "The time", *, gap: str = "refuse") -> datetime:
    """A naive local wall-clock time made aware with the offset that applied then (DST-aware).

    - Spring-forward gap (the clock jumps from 02:00 to 03:00, so 02:30 never happens): refused with the time
      to give instead, or with `gap="forward"` moved forward by the size of the gap (02:30 → 03:30). Never back.
    - Autumn hour that happens twice: the first occurrence (the earlier moment, still summer time).
    """
    check_moment(naive, what)
    if naive.tzinfo is not None and naive.utcoffset() is not None:
        return naive
    naive = naive.replace(tzinfo=None)
    first = naive.replace(fold=0).astimezone()
    if first.replace(tzinfo=None) == naive:
        return first  # exists (once, or twice and this is the first)
    candidates = (first, naive.replace(fold=1).astimezone())
    forward = max(candidates, key=lambda moment: moment.replace(tzinfo=None))
    if forward.replace(tzinfo=None) <= naive:  # cannot happen with real zones; be safe rather than move back
        forward = (naive + timedelta(hours=1)).astimezone()
    if gap == "forward":
        moves = _GAP_MOVES.get()
        if moves is not None:
            moves.append((naive, forward.replace(tzinfo=None)))
        return forward
    raise ValidationError(
        f"{what} {naive:%Y-%m-%d %H:%M} does not exist here: the clocks went forward at that moment. "
        f"Give {forward:%H:%M} instead."
    )


def parse_moment(value: str, what: str = "--at") -> datetime:
    """An ISO-8601 date or date-time, aware; without an offset it is local time (see `local_aware`)."""
    text = str(value).strip()
    try:
        if len(text) > 64:
            raise ValueError
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"{what} must be a date and time like 2026-03-10T08:30, not {printable(repr(text[:60]))}."
        ) from None
    check_moment(moment, what)
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        return moment
    return local_aware(moment, what)


def not_in_future(moment: datetime, now: datetime, what: str, *, tolerance: timedelta = timedelta(minutes=5)) -> None:
    """Refuse a time later than `now` (plus a little clock drift) — diary entries, doses, routine sessions."""
    check_moment(moment, what)
    if moment > now + tolerance:
        raise ValidationError(f"{what} {moment:%Y-%m-%d %H:%M} is in the future; log it when it has happened.")


# -- texts -----------------------------------------------------------------------------------------------------


def _bad_character(text: str, multiline: bool) -> str | None:
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return "bytes that are not valid text (not UTF-8)"
        if not multiline and (code < 0x20 or 0x7F <= code <= 0x9F):
            return f"a control character ({_escape(char)})"
    return None


def check_text(value: object, what: str, *, limit: int, multiline: bool = False) -> str:
    """`str(value or "")` unchanged, unless longer than `limit` or holding undecodable bytes (lone surrogates,
    e.g. from an argument that was not UTF-8), or — in one-line texts (names, units, tags, amounts) — any
    control character. A `multiline` text (a note) keeps whatever it holds, so an export round-trips exactly;
    it is shown with `printable`.
    """
    text = "" if value is None else str(value)
    if len(text) > limit:
        raise ValidationError(f"{what} can be at most {limit:,} characters (it has {len(text):,}).")
    bad = _bad_character(text, multiline)
    if bad:
        raise ValidationError(f"{what} contains {bad}; nothing was saved.")
    return text


def one_line(value: object, what: str, *, limit: int) -> str:
    """A one-line text: whitespace runs (tabs, line breaks) become single spaces, then `check_text`."""
    text = " ".join(("" if value is None else str(value)).split())
    return check_text(text, what, limit=limit)


def _escape(char: str) -> str:
    code = ord(char)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE_KEEP_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: object, *, multiline: bool = False) -> str:
    """`text` safe for a terminal: control characters, undecodable bytes and bidi overrides as visible escapes.

    ESC becomes `\\x1b`, so an escape sequence in a medicine name is shown, not obeyed. Line breaks and tabs
    are kept when `multiline`, else shown as `\\n` / `\\t`.
    """
    pattern = _UNPRINTABLE_KEEP_LINES if multiline else _UNPRINTABLE
    return pattern.sub(lambda m: _escape(m.group()), str(text))


# -- files -----------------------------------------------------------------------------------------------------


def check_path(value: str | os.PathLike[str], what: str) -> Path:
    """A file name the system can take: no NUL, each part ≤ MAX_NAME_BYTES bytes, all ≤ MAX_PATH_BYTES."""
    text = os.fspath(value)
    if not text or not str(text).strip():
        raise ValidationError(f"{what}: the file name is empty.")
    if "\x00" in text:
        raise ValidationError(f"{what}: the file name contains a NUL character.")
    raw = os.fsencode(text)
    if len(raw) > MAX_PATH_BYTES:
        raise ValidationError(f"{what}: the file name is too long ({len(raw):,} bytes; at most {MAX_PATH_BYTES:,}).")
    path = Path(text).expanduser()
    for part in path.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            raise ValidationError(
                f"{what}: the name {printable(part[:40])}… is too long "
                f"({len(os.fsencode(part))} bytes; at most {MAX_NAME_BYTES} per name)."
            )
    return path


def kind_of(path: Path) -> str | None:
    """'a folder', 'a named pipe (FIFO)', 'a device', 'a socket' — or None for a regular file or nothing."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def check_input_file(value: str | os.PathLike[str], what: str) -> Path:
    """A regular file that exists; else one sentence saying what it is (a folder, a FIFO…) or that it is missing."""
    path = check_path(value, what)
    shown = printable(path)
    other = kind_of(path)
    if other:
        raise ValidationError(f"{what}: {shown} is {other}, not a file.")
    try:
        path.stat()
    except FileNotFoundError:
        raise ValidationError(f"{what}: there is no file {shown}.") from None
    except OSError as exc:
        raise ValidationError(f"{what}: {shown} cannot be read ({exc.strerror}).") from None
    return path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def app_file_kind(target: str | os.PathLike[str], data_dir: str | os.PathLike[str]) -> str | None:
    """What `target` is when it is one of the app's own files in `data_dir`, else None.

    The app's own files: the diary (`paincompanion.sqlite` and its -wal, -shm, -journal and set-aside copies),
    the key file, the window settings and lock, and everything in `backups/` and `cache/`. Symbolic links,
    `..`, another letter case and hard links to those files are seen through. Usable by every writer (CLI
    `export -o`, `report -o`, the GUI's save dialogs).
    """
    data = Path(data_dir).expanduser()
    path = Path(target).expanduser()
    try:
        data_real = data.resolve()
        real = path.resolve()
    except (OSError, RuntimeError):
        return None
    parent = real.parent
    folders = [data_real / name for name in OWN_FOLDERS]
    for folder in folders:
        if real == folder or folder in real.parents or _same_file(parent, folder):
            return "a backup" if folder.name == "backups" else "the app's cache"
    if parent == data_real or _same_file(parent, data):
        name = real.name.casefold()
        for start in OWN_NAME_STARTS:
            if name.startswith(start):
                if start.endswith(".key"):
                    return "the encryption key file"
                if start.endswith(".sqlite"):
                    return "your diary" if name == start else "part of your diary"
                return "one of the app's own files"
    if real.exists() and data_real.is_dir():  # a hard link elsewhere to one of the app's files
        try:
            for child in data_real.iterdir():
                if child.is_file() and child.name.casefold().startswith(OWN_NAME_STARTS) and _same_file(real, child):
                    return "your diary" if ".sqlite" in child.name else "one of the app's own files"
            backups = data_real / "backups"
            if backups.is_dir():
                for child in backups.iterdir():
                    if _same_file(real, child):
                        return "a backup"
        except OSError:
            return None
    return None


def check_output_file(value: str | os.PathLike[str], what: str, *, data_dir: str | os.PathLike[str] | None) -> Path:
    """A file to write: a sane name, not a folder, in a folder that exists, not one of the app's own files."""
    path = check_path(value, what)
    shown = printable(path)
    other = kind_of(path)
    if other:
        raise ValidationError(f"{what}: {shown} is {other}; give a file name.")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ValidationError(f"{what}: the folder {printable(parent)} does not exist.")
    if data_dir is not None:
        own = app_file_kind(path, data_dir)
        if own:
            raise ValidationError(
                f"{what}: {shown} is {own}, one of Pain Companion's own files; "
                "choose another name. Nothing was written."
            )
    return path
