"""The app's log: where it goes, what it holds (code locations and types, never what the patient wrote)."""

from __future__ import annotations

import ast
import io
import logging
import sys
import threading
from pathlib import Path

import pytest

from paincompanion import logsetup
from paincompanion.cli.main import main
from paincompanion.paths import AppPaths

SRC = Path(__file__).resolve().parents[1] / "src" / "paincompanion"
NOTE_MARKER = "zqxnotemarker7731"
MED_MARKER = "Zqxmedmarker4412"
PASS_MARKER = "zqx-pass-marker-9917"
MARKERS = (NOTE_MARKER, MED_MARKER.lower(), PASS_MARKER)


def _all_log_text(*folders: Path) -> str:
    logsetup.flush()
    return "".join(
        p.read_text(encoding="utf-8", errors="replace") for f in folders for p in f.rglob("*") if p.is_file()
    )


@pytest.fixture
def data(tmp_path):
    yield tmp_path / "data"
    logsetup.shut_down()  # the next test's set-up starts clean


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_nothing_the_patient_wrote_reaches_the_log(data, tmp_path, capsys, monkeypatch):
    def cli(*argv: str) -> int:
        code = main(["--data-dir", str(data), *argv])
        capsys.readouterr()
        return code

    assert cli("log", "--pain", "6", "--note", f"knee worse {NOTE_MARKER}") == 0
    assert cli("meds", "add", MED_MARKER, "--strength", "10") == 0
    # a file that cannot be imported, holding the markers
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "paincompanion", "entries": [{"note": "' + NOTE_MARKER + '", "pain": "x"', "utf-8")
    assert cli("import", str(bad)) != 0
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text(f"when,pain,note\nnot a time {NOTE_MARKER},eleven,{MED_MARKER}\n", "utf-8")
    cli("import", str(bad_csv))
    # encrypt with a passphrase, then give a wrong one
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS_MARKER, "utf-8")
    assert cli("encrypt", "--new-passphrase-file", str(secret)) == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(PASS_MARKER + "-wrong", "utf-8")
    assert cli("--passphrase-file", str(wrong), "entries") == 1

    # a bug whose message quotes what the patient wrote, caught by the last-resort guard
    def broken(args):
        raise ValueError(f"bad note {NOTE_MARKER} for {MED_MARKER} with {PASS_MARKER}") from KeyError(NOTE_MARKER)

    monkeypatch.setattr("paincompanion.cli.commands.diary.run", broken)
    assert cli("--passphrase-file", str(secret), "entries") == 1
    # an uncaught exception in a thread goes through the hook
    thread = threading.Thread(target=broken, args=(None,))
    thread.start()
    thread.join()

    folder = AppPaths.in_dir(data).logs
    text = _all_log_text(folder)
    assert "ValueError" in text and "KeyError" in text and "in broken" in text  # the log did record the bug
    assert "Uncaught exception in a thread" in text
    fallback = logsetup.fallback_folder()
    stray = "".join(p.read_text(errors="replace") for p in data.rglob("*.log*") if p.is_file())
    everything = text + stray + (_all_log_text(fallback) if fallback.is_dir() else "")
    for marker in MARKERS:
        assert marker not in everything.lower(), marker


def test_the_log_file_is_private_and_in_the_data_folders_log_folder(data, capsys, monkeypatch):
    monkeypatch.setattr("paincompanion.cli.commands.diary.run", lambda args: 1 / 0)
    assert main(["--data-dir", str(data), "entries"]) == 1
    log = AppPaths.in_dir(data).logs / logsetup.LOG_FILENAME
    assert str(log) in capsys.readouterr().err
    assert "ZeroDivisionError" in log.read_text()
    if sys.platform != "win32":
        assert log.stat().st_mode & 0o777 == 0o600
        assert log.parent.stat().st_mode & 0o777 == 0o700


def test_verbose_also_prints_records_on_stderr(data, capsys, monkeypatch):
    monkeypatch.setattr("paincompanion.cli.commands.diary.run", lambda args: 1 / 0)
    assert main(["--data-dir", str(data), "--verbose", "entries"]) == 1
    err = capsys.readouterr().err
    assert "ERROR paincompanion.cli.main" in err and "ZeroDivisionError (message not logged)" in err
    assert main(["--data-dir", str(data), "entries"]) == 1
    assert "ERROR paincompanion" not in capsys.readouterr().err  # without --verbose: one line only


def test_default_log_folder_is_the_platforms_unless_overridden(monkeypatch, tmp_path):
    monkeypatch.delenv("PAINCOMPANION_HOME", raising=False)
    monkeypatch.delenv("PAINCOMPANION_LOG_DIR", raising=False)
    import platformdirs

    assert AppPaths.default().logs == Path(platformdirs.user_log_dir("Pain Companion", "PainCompanion"))
    monkeypatch.setenv("PAINCOMPANION_LOG_DIR", str(tmp_path / "logs"))
    assert AppPaths.default().logs == tmp_path / "logs"


def test_a_log_folder_that_cannot_be_written_falls_back_without_noise(data, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    stream = io.StringIO()
    logger = logsetup.setup(blocker / "logs", verbose=True, stream=stream)
    logger.error("Something failed", exc_info=(OSError, OSError("x"), None))
    logsetup.flush()
    where = logsetup.log_file()
    assert where is not None and where.parent == logsetup.fallback_folder()
    assert "Something failed" in where.read_text()
    assert capsys.readouterr().err == ""


def test_safe_traceback_keeps_types_and_places_and_drops_messages():
    def inner():
        raise KeyError("private words")

    try:
        try:
            inner()
        except KeyError as exc:
            raise RuntimeError("more private words") from exc
    except RuntimeError as exc:
        text = logsetup.format_exception_safely(type(exc), exc, exc.__traceback__)
    assert text.index("builtins.KeyError") < text.index("builtins.RuntimeError")
    assert "in inner" in text and "private" not in text


def _handler_logs_or_reraises(handler: ast.ExceptHandler) -> bool:
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if isinstance(node, ast.Raise) and node in handler.body:
            return True
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
            if name in {"log_caught", "_log_unexpected"} or owner in {"_log", "logger", "logging"}:
                return True
    return False


def test_every_broad_except_in_src_logs_what_it_caught_or_raises_it_on():
    missing = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            broad = isinstance(node, ast.ExceptHandler) and isinstance(node.type, ast.Name)
            if broad and node.type.id in {"Exception", "BaseException"} and not _handler_logs_or_reraises(node):
                missing.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not missing, missing


def test_setup_revives_loggers_a_library_disabled(data, tmp_path):
    child = logging.getLogger("paincompanion.some.module")
    child.disabled = True  # what logging.config.dictConfig does to existing loggers unless told otherwise
    logsetup.setup(tmp_path / "logs")
    child.error("A fixed sentence")
    logsetup.flush()
    assert "A fixed sentence" in (tmp_path / "logs" / logsetup.LOG_FILENAME).read_text()
