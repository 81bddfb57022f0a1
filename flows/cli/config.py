"""`nightdesk settings`: every setting in effect, and where it came from."""

from __future__ import annotations

from nightdesk.cli.common import FormatOpt, OutputFormat, WarehouseOpt, app, opened, print_rows
from nightdesk.settings import DEFAULT_WAREHOUSE


@app.command()
def settings(warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE), format: FormatOpt = OutputFormat.table) -> None:
    """Every setting in effect: its variable, its value, and where it came from (an option, the environment, the
    .env file, or the default)."""
    from nightdesk.settings import sources

    _folder, config = opened(warehouse, "settings")
    given = {"warehouse": warehouse} if warehouse != str(DEFAULT_WAREHOUSE) else {}
    rows = sources(config, given)
    if config.event_threshold is None:  # the default lives in the scorer's file: show what it is
        from nightdesk.load.analyst import event_threshold
        from nightdesk.transform.events.scorer import ScorerFileError

        try:
            shown = f"{event_threshold(config.seeds_dir):g} (the event scorer's)"
        except ScorerFileError as exc:
            shown = f"unknown: {exc}"
        rows = [(var, shown if var == "NIGHTDESK_EVENT_THRESHOLD" else value, src) for var, value, src in rows]
    print_rows(["variable", "value", "from"], rows, format)
