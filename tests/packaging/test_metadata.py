"""Desktop metadata and packaging inputs: validators pass, versions and ids agree with the package, nothing is missing.

The bundle itself is not built here (too slow for `make test`): `make package` builds it and runs packaging/smoke.sh.
"""

from __future__ import annotations

import ast
import configparser
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from paincompanion import APP_ID, APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SPEC = ROOT / "packaging" / "paincompanion.spec"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        package = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}[name]
        pytest.skip(f"{name} is not installed (Debian package {package}; `make test` installs it when run as root)")
    return path


def _problems(output: str, levels: tuple[str, ...]) -> list[str]:
    return [line for line in output.splitlines() if any(level in line for level in levels)]


def test_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert _problems(result.stdout + result.stderr, ("error:", "warning:")) == []


def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", "--no-color", str(METAINFO)], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert _problems(result.stdout, ("E:", "W:")) == [], result.stdout


def test_desktop_entry_names_the_app_binary_and_icon():
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    group = entry["Desktop Entry"]

    assert group["Name"] == APP_NAME
    assert group["Exec"].split()[0] == "paincompanion"
    assert group["Icon"] == APP_ID
    # On X11 Qt sets WM_CLASS to (argv[0] name, applicationName); on Wayland the app id is the desktop file name.
    assert group["StartupWMClass"] == APP_NAME
    assert "MedicalSoftware" in group["Categories"].split(";")


def test_metainfo_agrees_with_the_package():
    root = ET.parse(METAINFO).getroot()

    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("provides/binary").text == "paincompanion"
    assert root.find("content_rating").get("type") == "oars-1.1"
    releases = [release.get("version") for release in root.iter("release")]
    assert releases and releases[0] == __version__, "the newest <release> must be the package version"


def test_metainfo_screenshots_exist_in_the_repository():
    root = ET.parse(METAINFO).getroot()
    images = [image.text for image in root.iter("image")]

    assert images
    for url in images:
        relative = url.split("/main/", 1)[1]
        assert (ROOT / relative).is_file(), f"{url} has no file {relative} in the repository"


def _spec_data_folders() -> tuple[str, ...]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "DATA_FOLDERS" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError("DATA_FOLDERS not found in the spec")


def test_spec_bundles_every_data_folder():
    on_disk = {p.name for p in (ROOT / "src" / "paincompanion" / "data").iterdir() if p.is_dir()} - {"__pycache__"}

    assert set(_spec_data_folders()) == on_disk


def test_spec_bundles_migrations_as_files_and_takes_its_names_from_the_package():
    text = SPEC.read_text(encoding="utf-8")

    assert '"versions").glob("*.py")' in text  # Alembic loads revisions from files
    assert 'META["__version__"]' in text and 'META["APP_ID"]' in text
    assert "bundle_identifier=APP_ID" in text
    for module in ("sqlcipher3", "sqlalchemy.dialects.sqlite.pysqlcipher", "pypdfium2_raw", "fpdf"):
        assert f'"{module}"' in text


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", PNG_SIZES)
def test_icon_png_exists_at_each_size(size: int):
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"

    assert _png_size(path) == (size, size)


def test_window_icons_are_packaged_with_the_app():
    folder = ROOT / "src" / "paincompanion" / "data" / "icons"
    for size in (16, 32, 48, 64, 128, 256):
        assert _png_size(folder / f"{APP_ID}-{size}.png") == (size, size)


def test_ico_and_icns_hold_the_expected_sizes():
    ico = (ICONS / f"{APP_ID}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    edges = sorted(ico[6 + 16 * i] or 256 for i in range(count))
    assert (reserved, kind) == (0, 1)
    assert edges == [16, 24, 32, 48, 64, 128, 256]

    icns = (ICONS / f"{APP_ID}.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    kinds, offset = set(), 8
    while offset < len(icns):
        kinds.add(icns[offset : offset + 4])
        offset += struct.unpack(">I", icns[offset + 4 : offset + 8])[0]
    assert {b"icp4", b"icp5", b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds


def test_svg_icon_is_the_master():
    root = ET.parse(ICONS / f"{APP_ID}.svg").getroot()

    assert root.tag.endswith("svg")
    assert root.get("viewBox") == "0 0 512 512"


def test_flatpak_manifest_uses_the_app_id_and_the_package_dependencies():
    import re
    import tomllib

    manifest = (ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml").read_text(encoding="utf-8")
    assert re.search(r"^app-id: (\S+)$", manifest, re.M).group(1) == APP_ID
    assert re.search(r"^command: (\S+)$", manifest, re.M).group(1) == "paincompanion"
    assert "- --share=network" not in manifest  # no network code, no network permission

    def names(lines: list[str]) -> set[str]:
        return {re.match(r"[A-Za-z0-9_.-]+", line).group(0).lower() for line in lines}

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = names([d for d in pyproject["project"]["dependencies"] if "sys_platform == 'win32'" not in d])
    lines = (ROOT / "packaging" / "flatpak" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    listed = names([line for line in lines if line.strip() and not line.startswith("#")]) - {"setuptools"}
    assert listed == wanted, "packaging/flatpak/requirements.txt is out of step with pyproject.toml"


def test_the_windows_uninstaller_removes_the_start_with_my_computer_entry():
    """The Run value autostart writes (named APP_NAME, the exe's ProductName) is deleted on uninstall."""
    from paincompanion.services import autostart

    script = (ROOT / "packaging" / "windows" / "paincompanion.iss").read_text(encoding="utf-8")
    registry = script.split("[Registry]", 1)[1].split("\n[", 1)[0]
    assert autostart.RUN_KEY in registry
    assert 'ValueName: "{#AppName}"' in registry and "uninsdeletevalue" in registry
    assert 'StringStruct("ProductName", APP_NAME)' in SPEC.read_text(encoding="utf-8")
