"""What `nightdesk run` shows at the terminal when a run ends on an expected condition.

Prefect logs a flow's exception with its traceback, and an interrupt as two "Crash detected!" lines, on its console
handler; the CLI then prints one plain line of its own. The filter keeps those records off the console only: they
still reach Prefect's API (the run history) and its other handlers.
"""

from __future__ import annotations

import logging

from nightdesk.errors import NightdeskError


class _ExpectedConditions(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, (NightdeskError, KeyboardInterrupt)):
            return False
        return not (record.getMessage().startswith("Crash detected!") and "interrupt" in record.getMessage())


_FILTER = _ExpectedConditions()


def quiet_expected_conditions() -> None:
    """Install the filter on Prefect's console handlers (call after Prefect is imported, which sets them up)."""
    from prefect.logging.handlers import PrefectConsoleHandler

    for handler in logging.getLogger().handlers:
        if isinstance(handler, PrefectConsoleHandler) and _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
