"""The `nightdesk` command line (CONTRACT.md names its commands and options).

Every expected condition (a run already writing, a missing input or warehouse, bad SQL, a bad date, Ctrl-C) ends
the command with one line saying what happened and what to do; a traceback means a bug.
"""

from __future__ import annotations

import nightdesk  # noqa: F401  (sets the Prefect environment before Prefect is imported)
from nightdesk.cli import config, entities, evaluate, history, query, run  # noqa: F401, I001  (register their commands, in this order for --help)
from nightdesk.cli.common import app

__all__ = ["app"]
