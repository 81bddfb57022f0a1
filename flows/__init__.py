"""nightdesk: nightly news → entities, quotes and events in DuckDB and Parquet.

From Python (no Prefect server needed):

    import nightdesk
    summary = nightdesk.run(inputs=["seeds/articles"], warehouse="warehouse")    # one night; its RunSummary
    con = nightdesk.connect("warehouse")                                         # read-only, tables and views
    con.sql("SELECT count(*) FROM articles").show()
    nightdesk.connect("warehouse", as_of=summary.run_id)                         # as that night left it
    nightdesk.Settings(batch_size=64)                                            # every knob (NIGHTDESK_*)
"""

from __future__ import annotations

import time as _time
from typing import TYPE_CHECKING, Any

from nightdesk.prefect_workarounds import configure_prefect_environment

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from pathlib import Path

    import duckdb

    from nightdesk.load.commit import RunSummary
    from nightdesk.settings import Settings

# Prefect reads its settings when it is first imported, so they must be in the environment before any
# module of ours imports it.
configure_prefect_environment()

__version__ = "0.1.0"
__all__ = ["Settings", "connect", "run"]

# When the command started, for the run summary's wall time (the package is the first thing the CLI imports).
STARTED = _time.monotonic()


def run(
    inputs: Sequence[str | Path] | None = None,
    warehouse: str | Path = "warehouse",
    *,
    reprocess: bool = False,
    since: date | None = None,
    until: date | None = None,
    wait: float = 0.0,
    **settings: Any,
) -> RunSummary:
    """One night into `warehouse` (a folder, or s3://bucket/prefix), as `nightdesk run` makes it, in this process:
    every input read (default seeds/articles), new and changed articles transformed, the lake committed and
    news.duckdb published; returns the run's summary. `settings` are Settings fields (batch_size=64, ...), over the
    NIGHTDESK_* variables. A bad input is a rejection in the summary; a failed run raises and changes nothing."""
    from nightdesk.pipeline import run_night
    from nightdesk.settings import Settings

    return run_night(Settings.load(warehouse=str(warehouse), **settings), inputs, reprocess, since, until, wait)


def connect(
    warehouse: str | Path = "warehouse", as_of: str | None = None, **settings: Any
) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to the warehouse's tables and views (news.duckdb), or as a past night left them
    (`as_of`: a run id or a date-time). Close it when done; a night never waits for it."""
    from nightdesk.load import catalog
    from nightdesk.load.warehouse import connect_as_of, connect_read_only
    from nightdesk.settings import Settings

    config = Settings.load(warehouse=str(warehouse), **settings)
    folder = config.warehouse_dir
    if as_of:
        return connect_as_of(folder, as_of.strip(), catalog.location(folder, config), config.event_threshold)[0]
    con = connect_read_only(folder)
    catalog.reach_data(con, catalog.location(folder, config))  # data on S3: its credentials
    return con


def __getattr__(name: str) -> Any:
    if name == "Settings":  # imported when asked for: `import nightdesk` stays light for the command line
        from nightdesk.settings import Settings

        return Settings
    raise AttributeError(f"module 'nightdesk' has no attribute {name!r}")
