"""The full crash run for `make stress` (marked slow, so `make test` leaves it out)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).with_name("harness.py")


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_200_kills_during_saves_and_50_during_import_migration_and_encrypt_decrypt():
    result = subprocess.run(
        [sys.executable, str(HARNESS), "--cycles=200", "--seed=1"], capture_output=True, text=True, check=False
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "saves: 200 cycles" in result.stdout
    assert "encrypt/decrypt: 50 cycles" in result.stdout and "FINDING" not in result.stdout
