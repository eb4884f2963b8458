""" "Start with my computer, minimised to the tray": the per-user start-up mechanism of each system.

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/<APP_ID>.desktop` (freedesktop Desktop
  Application Autostart Specification).
- Windows: a value named after the app under `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`.
- macOS: `~/Library/LaunchAgents/<APP_ID>.plist` with RunAtLoad.

Off by default: nothing is written until the patient turns it on, and turning it off removes what was written.
The command is the frozen executable (a PyInstaller bundle) or `python -m paincompanion`, with `--minimised`.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .. import APP_ID, APP_NAME
from ..files import atomic_write

MINIMISED = "--minimised"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
#: Characters that make an argument need quoting in a desktop entry's Exec key.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def launch_command(data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """How the computer should start the app at log-in: minimised, with the same data folder if one was given."""
    command = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "paincompanion"]
    if data_dir is not None:
        command += ["--data-dir", str(Path(data_dir).absolute())]
    return [*command, MINIMISED]


def _exec_arg(arg: str) -> str:
    """One argument quoted for a desktop entry's Exec key (quoting rule, then the string escape rule)."""
    arg = arg.replace("%", "%%")
    if not arg or _EXEC_RESERVED & set(arg):
        quoted = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        arg = f'"{quoted}"'
    return arg.replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """The text of the XDG autostart file."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Your pain diary, started minimised to the tray\n"
        f"Exec={' '.join(_exec_arg(a) for a in command)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def launch_agent(command: Sequence[str]) -> bytes:
    """The macOS LaunchAgent property list."""
    agent = {"Label": APP_ID, "ProgramArguments": list(command), "RunAtLoad": True, "ProcessType": "Interactive"}
    return plistlib.dumps(agent)


def windows_run_value(command: Sequence[str]) -> str:
    """The command line stored in the Windows Run key (quoted the way Windows parses it)."""
    return subprocess.list2cmdline(list(command))


class Autostart:
    """Turn starting at log-in on or off for this user. `platform`, `home` and `env` are for tests."""

    def __init__(
        self,
        command: Sequence[str] | None = None,
        *,
        platform: str | None = None,
        home: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.command = list(command) if command is not None else launch_command()
        self.platform = platform or sys.platform
        self._home = home or Path.home()
        self._env = os.environ if env is None else env

    @property
    def path(self) -> Path | None:
        """The file written on Linux and macOS (None on Windows, where it is a registry value)."""
        if self.platform == "win32":
            return None
        if self.platform == "darwin":
            return self._home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
        config = self._env.get("XDG_CONFIG_HOME") or str(self._home / ".config")
        return Path(config) / "autostart" / f"{APP_ID}.desktop"

    def is_enabled(self) -> bool:
        if self.platform == "win32":
            return _windows_get() is not None
        path = self.path
        assert path is not None
        if not path.is_file():
            return False
        if self.platform == "darwin":
            return True
        lines = {
            line.strip().replace(" ", "") for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        }
        return "Hidden=true" not in lines and "X-GNOME-Autostart-enabled=false" not in lines

    def enable(self) -> None:
        """Write the start-up entry (replacing an older one, e.g. after the app moved)."""
        if self.platform == "win32":
            _windows_set(windows_run_value(self.command))
            return
        path = self.path
        assert path is not None
        content = launch_agent(self.command) if self.platform == "darwin" else desktop_entry(self.command).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, content)

    def disable(self) -> None:
        """Remove the start-up entry (nothing happens if there is none)."""
        if self.platform == "win32":
            _windows_delete()
            return
        path = self.path
        assert path is not None
        path.unlink(missing_ok=True)

    def set_enabled(self, on: bool) -> None:
        self.enable() if on else self.disable()


# --- Windows registry (winreg exists only there) -----------------------------------------------


def _windows_get() -> str | None:
    if sys.platform != "win32":  # (also tells the type checker that what follows is Windows code)
        raise OSError("The registry exists only on Windows.")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, APP_NAME)
            return str(value)
    except FileNotFoundError:
        return None


def _windows_set(value: str) -> None:
    if sys.platform != "win32":  # (also tells the type checker that what follows is Windows code)
        raise OSError("The registry exists only on Windows.")
    import winreg

    with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
        winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, value)


def _windows_delete() -> None:
    if sys.platform != "win32":  # (also tells the type checker that what follows is Windows code)
        raise OSError("The registry exists only on Windows.")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, APP_NAME)
    except FileNotFoundError:
        pass
