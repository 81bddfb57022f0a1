"""`nightdesk entities`: look entities up, and correct them (merge, split, rename, retype) so that every later night keeps
the correction (flows/load/corrections.py)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from nightdesk.cli.common import FormatOpt, OutputFormat, WarehouseOpt, app, fail, opened, print_rows
from nightdesk.errors import NightdeskError
from nightdesk.settings import DEFAULT_WAREHOUSE

entities_app = typer.Typer(
    no_args_is_help=True, help="Look up entities and correct them (merge, split, rename, retype)."
)
app.add_typer(entities_app, name="entities")

MAX_NAME_CHARS = 300  # an entity's name, as an analyst's chart shows it

WaitOpt = Annotated[float, typer.Option(min=0, help="Seconds to wait for a run writing this warehouse.")]


def _entity(con, entity_id: str) -> tuple | None:
    from nightdesk.load.schemas import sql_text

    return con.execute(sql_text("entities", "entity.sql"), {"entity_id": entity_id}).fetchone()


def _correct(given: str, action: str, entity_id: str, other: str, check, wait: float) -> None:
    """Check the correction against the live database, record it, and apply it to the lake in a snapshot of its own
    (under the run lock: never while a night writes). A failure leaves the file and the warehouse as they were."""
    from nightdesk.load import catalog, intact
    from nightdesk.load import lake as lk
    from nightdesk.load.corrections import FILE, add_correction
    from nightdesk.load.folder import require_warehouse
    from nightdesk.load.lock import run_lock
    from nightdesk.load.night import correct
    from nightdesk.load.warehouse import connect_read_only, publish_snapshot, remove_stale_builds

    warehouse, settings = opened(given, f"entities {action}")
    loc = catalog.location(warehouse, settings)
    try:
        require_warehouse(warehouse)  # never another tool's news.duckdb
        if not intact.check(warehouse, loc):  # a lost catalog is restored, never made anew
            raise NightdeskError(f"{warehouse} has no lake yet: run `nightdesk run --warehouse {warehouse}` first")
        con = connect_read_only(warehouse)
        try:
            said = check(con)
        finally:
            con.close()
        with run_lock(warehouse, f"entities {action}", wait):
            path = warehouse / FILE
            before = path.read_bytes() if path.exists() else None
            add_correction(warehouse, action, entity_id, other)
            try:
                remove_stale_builds(warehouse)
                lake = catalog.connect(loc, create=True)  # tables a newer version added
                try:
                    correct(lake, warehouse, settings.seeds_dir)
                    publish_snapshot(warehouse, lake, settings.seeds_dir, loc, settings.event_threshold)
                finally:
                    lake.close()
            except BaseException:
                if before is None:
                    path.unlink(missing_ok=True)
                else:
                    lk.atomic_write_bytes(path, before)
                raise
    except NightdeskError as exc:
        raise fail(f"nightdesk entities {action}: {exc}") from None
    # Written as it is: rich's wrapping of a long name took minutes (quadratic).
    sys.stdout.write(f"{said}; recorded in {warehouse / FILE}, kept by every later run\n")


def _need(con, entity_id: str) -> tuple:
    found = _entity(con, entity_id)
    if found is None:
        raise NightdeskError(f"no entity {entity_id} in this warehouse (find ids with `nightdesk entities show NAME`)")
    return found


@entities_app.command()
def merge(
    keep: Annotated[str, typer.Argument(help="The entity id to keep.")],
    other: Annotated[str, typer.Argument(help="The entity id merged into it (its mentions, quotes, events move).")],
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    wait: WaitOpt = 0.0,
) -> None:
    """Merge entity OTHER into entity KEEP: one real-world thing the pipeline kept apart."""

    def check(con):
        if keep == other:
            raise NightdeskError("an entity cannot be merged into itself")
        kept, gone = _need(con, keep), _need(con, other)
        return f"merged {gone[1]} ({other}, {gone[3]} mentions) into {kept[1]} ({keep})"

    _correct(warehouse, "merge", keep, other, check, wait)


@entities_app.command()
def split(
    entity_id: Annotated[str, typer.Argument(help="The entity an alias was wrongly given to.")],
    alias: Annotated[str, typer.Option("--alias", help="The written form that names something else.")],
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    wait: WaitOpt = 0.0,
) -> None:
    """Move the mentions written ALIAS off ENTITY_ID to an entity of their own."""
    from nightdesk.load.schemas import sql_text

    def check(con):
        entity = _need(con, entity_id)
        n = con.execute(sql_text("entities", "alias_of.sql"), {"entity_id": entity_id, "alias": alias}).fetchone()[0]
        if not n:
            raise NightdeskError(f"{entity[1]} ({entity_id}) is never written {alias!r}: nothing to split")
        return f"split {alias!r} ({n} mentions) off {entity[1]} ({entity_id})"

    _correct(warehouse, "split", entity_id, alias, check, wait)


@entities_app.command()
def rename(
    entity_id: Annotated[str, typer.Argument(help="The entity to rename.")],
    name: Annotated[str, typer.Argument(help="Its canonical name from now on.")],
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    wait: WaitOpt = 0.0,
) -> None:
    """Give ENTITY_ID the canonical name NAME, whatever later nights would choose."""
    name = " ".join(name.split())

    def check(con):
        if not name:
            raise NightdeskError("the new name is empty")
        if len(name) > MAX_NAME_CHARS:
            raise NightdeskError(f"the new name is {len(name):,} characters; a name has at most {MAX_NAME_CHARS}")
        return f"renamed {_need(con, entity_id)[1]} ({entity_id}) to {name}"

    _correct(warehouse, "rename", entity_id, name, check, wait)


@entities_app.command()
def retype(
    entity_id: Annotated[str, typer.Argument(help="The entity to retype.")],
    entity_type: Annotated[str, typer.Argument(metavar="TYPE", help="Its type from now on: PERSON, ORG, GPE, ...")],
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    wait: WaitOpt = 0.0,
) -> None:
    """Give ENTITY_ID the type TYPE (Twitter is an ORG, not a PERSON), whatever later nights would choose."""
    from nightdesk.load.corrections import ENTITY_TYPES

    entity_type = entity_type.strip().upper()

    def check(con):
        if entity_type not in ENTITY_TYPES:
            raise NightdeskError(f"type {entity_type!r} is not one of {', '.join(ENTITY_TYPES)}")
        found = _need(con, entity_id)
        if found[2] == entity_type:
            raise NightdeskError(f"{found[1]} ({entity_id}) is already of type {entity_type}: nothing to change")
        return f"retyped {found[1]} ({entity_id}) from {found[2]} to {entity_type}"

    _correct(warehouse, "retype", entity_id, entity_type, check, wait)


@entities_app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name or alias, or part of one (case-insensitive).")],
    warehouse: WarehouseOpt = str(DEFAULT_WAREHOUSE),
    format: FormatOpt = OutputFormat.table,
) -> None:
    """List the entities whose name or an alias matches NAME, with their ids, mentions and aliases."""
    from nightdesk.cli.query import on_warehouse
    from nightdesk.load.schemas import sql_text

    def listing(con):
        cur = con.execute(sql_text("entities", "show.sql"), {"name": name})
        return [d[0] for d in cur.description], cur.fetchall()

    columns, rows = on_warehouse(warehouse, "entities show", "nightdesk entities show failed", listing)
    if not rows:
        raise fail(f"nightdesk entities show: no entity named like {name!r}")
    print_rows(columns, rows, format)
