"""Shared fixtures. No Qt import here: core tests must run without it."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("LANG", "C.UTF-8")

from paincompanion.domain.clock import FixedClock
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


@pytest.fixture
def companion(app_paths: AppPaths, clock: FixedClock):
    comp = Companion.open(app_paths, clock)
    yield comp
    comp.close()
