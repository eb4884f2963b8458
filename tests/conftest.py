"""Shared fixtures. No Qt import here: core tests must run without it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("LANG", "C.UTF-8")

from paincompanion.domain.clock import Clock, FixedClock
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion

#: A Tuesday morning; all fixtures use this "now" unless a test moves the clock.
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths.in_dir(tmp_path / "data")


@pytest.fixture(scope="session")
def fresh_diary_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A diary file as a first start creates it (every migration run), made once per test session."""
    paths = AppPaths.in_dir(tmp_path_factory.mktemp("fresh-diary") / "data")
    Companion.open(paths, FixedClock(NOW)).close()
    return paths.database


@pytest.fixture(scope="session")
def open_new_diary(fresh_diary_file: Path) -> Callable[..., Companion]:
    """`open_new_diary(paths, clock=None)`: Companion.open, starting from a copy of `fresh_diary_file` when the
    data folder is new. Saves running every migration again for each test or hypothesis example; the first-start
    path itself is what made that file, and tests/storage tests it on its own."""

    def open_new(paths: AppPaths, clock: Clock | None = None) -> Companion:
        if not paths.data.exists():
            paths.ensure_private_dirs()
            shutil.copy2(fresh_diary_file, paths.database)
        return Companion.open(paths, clock or FixedClock(NOW))

    return open_new


@pytest.fixture
def companion(app_paths: AppPaths, clock: FixedClock, open_new_diary: Callable[..., Companion]):
    """An open, empty diary (see `open_new_diary`)."""
    comp = open_new_diary(app_paths, clock)
    yield comp
    comp.close()
