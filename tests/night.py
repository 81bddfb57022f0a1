"""A night for tests that are not about Prefect: the plain function (flows/pipeline.py), no server. Same parameters as
the Prefect flow (flows/nightly.py), which tests/test_pipeline_e2e.py, test_dask.py and the command-line tests run."""

from __future__ import annotations

from datetime import date

from nightdesk.load.commit import RunSummary
from nightdesk.pipeline import run_night
from nightdesk.settings import Settings


def nightly(
    inputs: list[str] | None = None,
    warehouse: str = "warehouse",
    reprocess: bool = False,
    since: date | None = None,
    until: date | None = None,
    wait_seconds: float = 0.0,
) -> RunSummary:
    return run_night(Settings.load(warehouse=str(warehouse)), inputs, reprocess, since, until, wait_seconds)
