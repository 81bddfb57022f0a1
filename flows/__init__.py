"""nightdesk: nightly news → entities, quotes and events in DuckDB and Parquet."""

import time as _time

from nightdesk.prefect_workarounds import configure_prefect_environment

# Prefect reads its settings when it is first imported, so they must be in the environment before any
# module of ours imports it.
configure_prefect_environment()

__version__ = "0.1.0"

# When the command started, for the run summary's wall time (the package is the first thing the CLI imports).
STARTED = _time.monotonic()
