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
    print_rows(["variable", "value", "from"], sources(config, given), format)
