"""Shared fixtures. Append yours; keep one conftest.py."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (gold, data, seed); tests needing it skip when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def example_page() -> Path:
    return ROOT / "marsad" / "examples" / "asharq_alawsat_putin_kim.txt"


def require_service(what: str) -> None:
    """Skip when a service binary is missing, but fail in CI (MARSAD_REQUIRE_SERVICES=1)."""
    if os.environ.get("MARSAD_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{what} is required in CI but missing")
    pytest.skip(f"{what} not installed")
