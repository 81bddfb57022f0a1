from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples every time (a landing must not hang on a newly drawn one); local runs explore.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

import nightdesk  # noqa: F401, E402  (Prefect settings before Prefect loads)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_DIR = REPO / "seeds" / "articles"
SEED_TEXT = SEED_DIR / "000_91a808e600e678c3.txt"


def shared_path(*parts: str) -> Path:
    """A file from ../shared, or skip the test cleanly when this checkout has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    """A copy of seeds/ that a test may break, and the setting that points a run at it."""
    from nightdesk.settings import SEEDS_DIR

    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, folder, ignore=shutil.ignore_patterns("articles"))
    monkeypatch.setenv("NIGHTDESK_SEEDS_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.logging.configuration import ensure_logging_setup
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        # Prefect sets its console handlers up at its first flow run, on the sys.stderr of that moment: inside a
        # CliRunner that stream is closed after the command, and every later log line would be a "Logging error".
        ensure_logging_setup()
        yield


@pytest.fixture
def seed_input(tmp_path: Path) -> Path:
    """A folder holding only the seed article and its sidecar."""
    folder = tmp_path / "in"
    folder.mkdir()
    for f in SEED_DIR.glob("000_91a808e600e678c3.*"):
        shutil.copy(f, folder / f.name)
    return folder


def pytest_collection_modifyitems(items):
    """A test that needs Prefect's server, or runs whole nights (tests/night.py), is end to end, whether or not its
    module says so: the fast lane (`make test-fast`, `-m "not e2e"`) starts no server and runs no night."""
    from . import night

    for item in items:
        runs_nights = getattr(getattr(item, "module", None), "nightly", None) is night.nightly
        if runs_nights or "prefect_harness" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.e2e)
