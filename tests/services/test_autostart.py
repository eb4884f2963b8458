"""Start with my computer: the Linux autostart file (in a temporary XDG_CONFIG_HOME) and the Windows/macOS content."""

from __future__ import annotations

import plistlib
import shlex
import sys

import pytest

from paincompanion import APP_ID
from paincompanion.services import autostart
from paincompanion.services.autostart import Autostart, desktop_entry, launch_agent, launch_command, windows_run_value

COMMAND = ["/opt/Pain Companion/paincompanion", "--data-dir", "/home/sam/My diary", "--minimised"]


def test_linux_enable_is_enabled_disable(tmp_path):
    config = tmp_path / "config"
    starter = Autostart(COMMAND, platform="linux", home=tmp_path, env={"XDG_CONFIG_HOME": str(config)})
    assert starter.path == config / "autostart" / f"{APP_ID}.desktop"
    assert starter.is_enabled() is False  # off by default: nothing written
    assert not (config / "autostart").exists()
    starter.enable()
    assert starter.is_enabled() is True
    text = starter.path.read_text(encoding="utf-8")
    assert "X-GNOME-Autostart-enabled=true" in text and "Type=Application" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert shlex.split(exec_line.removeprefix("Exec=").replace("\\\\", "\\")) == COMMAND
    starter.disable()
    assert starter.is_enabled() is False and not starter.path.exists()
    starter.disable()  # twice is fine


def test_linux_default_config_dir_and_a_desktop_that_turned_it_off(tmp_path):
    starter = Autostart(["paincompanion", "--minimised"], platform="linux", home=tmp_path, env={})
    assert starter.path == tmp_path / ".config" / "autostart" / f"{APP_ID}.desktop"
    starter.enable()
    starter.path.write_text(starter.path.read_text().replace("enabled=true", "enabled=false"))
    assert starter.is_enabled() is False


def test_desktop_entry_quotes_special_characters():
    text = desktop_entry(["/usr/bin/python3", "-m", "paincompanion", "--data-dir", '/d/100% "x"', "--minimised"])
    assert 'Exec=/usr/bin/python3 -m paincompanion --data-dir "/d/100%% \\\\"x\\\\"" --minimised' in text


def test_macos_launch_agent(tmp_path):
    starter = Autostart(COMMAND, platform="darwin", home=tmp_path)
    assert starter.path == tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    starter.enable()
    agent = plistlib.loads(starter.path.read_bytes())
    assert agent == plistlib.loads(launch_agent(COMMAND))
    assert agent["Label"] == APP_ID and agent["ProgramArguments"] == COMMAND and agent["RunAtLoad"] is True
    assert starter.is_enabled()
    starter.disable()
    assert not starter.is_enabled()


def test_windows_run_value_and_registry_calls(monkeypatch):
    assert windows_run_value(COMMAND) == (
        '"/opt/Pain Companion/paincompanion" --data-dir "/home/sam/My diary" --minimised'
    )
    registry: dict[str, str] = {}
    monkeypatch.setattr(autostart, "_windows_get", lambda: registry.get("value"))
    monkeypatch.setattr(autostart, "_windows_set", lambda value: registry.update(value=value))
    monkeypatch.setattr(autostart, "_windows_delete", lambda: registry.pop("value", None))
    starter = Autostart(COMMAND, platform="win32")
    assert starter.path is None and not starter.is_enabled()
    starter.enable()
    assert registry == {"value": windows_run_value(COMMAND)} and starter.is_enabled()
    starter.disable()
    assert registry == {} and not starter.is_enabled()


def test_winreg_is_only_imported_on_windows():
    assert "winreg" not in sys.modules or sys.platform == "win32"


@pytest.mark.parametrize("frozen", [False, True])
def test_launch_command(monkeypatch, tmp_path, frozen):
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    else:
        monkeypatch.delattr(sys, "frozen", raising=False)
    expected = [sys.executable] if frozen else [sys.executable, "-m", "paincompanion"]
    assert launch_command() == [*expected, "--minimised"]
    assert launch_command(tmp_path) == [*expected, "--data-dir", str(tmp_path), "--minimised"]
