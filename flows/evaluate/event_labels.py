"""Event candidates drawn for reading and labelling (issue 33): the halves, the draw and the sheet a reader labels.

Every scored corpus is split in two halves by a hash of the article id, fixed once: half A is where rules and the
scorer are tuned and trained, half B is read only for the figure of record, once, at the end. The labels a reader
gives (tests/data/labels/events.jsonl) hold ids, offsets and verdicts, never article text; the sheet the reader
works from (with the text) is written outside the project.

    python -m nightdesk.evaluate.event_labels WAREHOUSE --half A --n 250 --seed 1 --sheet /tmp/sheet.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

import duckdb

from nightdesk.load.schemas import sql_text

LABELS = Path(__file__).resolve().parents[2] / "tests" / "data" / "labels" / "events.jsonl"


def half(source_id: str) -> str:
    """'A' (tune and train) or 'B' (held out) for a corpus document, by its id in the corpus (the record's `id`):
    the same on every machine, every run and every version of the code."""
    return "A" if hashlib.sha1(source_id.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def key(article_id: str, start_char: int, end_char: int, event_type: str) -> str:
    """What a label is joined on: the trigger's place in the article and the type proposed there."""
    return f"{article_id}:{start_char}:{end_char}:{event_type}"


def context(text: str, start: int, end: int, width: int = 700) -> str:
    """The trigger's paragraph and the one before it, the trigger marked [[like this]]."""
    left = text.rfind("\n\n", 0, start)
    left = text.rfind("\n\n", 0, left) if left > 0 else 0
    right = text.find("\n\n", end)
    right = len(text) if right < 0 else right
    left, right = max(left, start - width), min(right, end + width)
    return (text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]).strip()


def draw(warehouse: Path, halves: set[str], n: int, seed: int, skip: set[str] = frozenset()) -> list[dict]:
    """`n` events drawn at random (fixed seed) from the articles of `halves`, leaving out keys in `skip`."""
    from nightdesk.load.warehouse import connect_read_only

    con: duckdb.DuckDBPyConnection = connect_read_only(warehouse)
    cur = con.execute(sql_text("eval", "event_candidates.sql"))
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    rows = [
        r
        for r in rows
        if half(r["source_id"] or r["article_id"]) in halves
        and key(r["article_id"], r["start_char"], r["end_char"], r["event_type"]) not in skip
    ]
    random.Random(seed).shuffle(rows)
    return rows[:n]


def sheet_record(row: dict) -> dict:
    """What a reader sees of one candidate (article text included: the sheet stays outside the project)."""
    return {
        "key": key(row["article_id"], row["start_char"], row["end_char"], row["event_type"]),
        "source_id": row["source_id"],
        "half": half(row["source_id"] or row["article_id"]),
        "published": row["published"],
        "title": row["title"],
        "event_type": row["event_type"],
        "status": row["status"],
        "trigger": row["trigger"],
        "context": context(row["text"], row["start_char"], row["end_char"]),
        "actor": row["actor_text"],
        "target": row["target_text"],
        "place": row["location_text"],
        "event_date": row["event_date"],
        "date_text": row["date_text"],
        "counts": {k: row[k] for k in ("killed", "injured", "arrested") if row[k] is not None},
    }


def outside_project(parser: argparse.ArgumentParser, sheet: Path) -> None:
    """Stop with a usage error when a sheet (it holds article text) would be written inside the project."""
    if Path(__file__).resolve().parents[2] in sheet.resolve().parents:
        parser.error("the sheet holds article text: write it outside the project")


def write_sheet(sheet: Path, records: list[dict], parts: int) -> None:
    """The records as JSON lines: `sheet` itself, or `parts` files <stem>-<n><suffix> dealt in turn, for readers."""
    sheet.parent.mkdir(parents=True, exist_ok=True)
    for p in range(parts):
        path = sheet if parts == 1 else sheet.with_name(f"{sheet.stem}-{p}{sheet.suffix}")
        with open(path, "w", encoding="utf-8") as fh:
            for rec in records[p::parts]:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(path, len(records[p::parts]))


def audit_parser(doc: str) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The command line of an audit: `draw WAREHOUSE --seed N --sheet FILE [--parts N]` (the draw parser, returned,
    may take more options) and `tally VERDICTS`."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("warehouse", type=Path)
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--sheet", type=Path, required=True, help="where the sheet (with text) goes: not the project")
    d.add_argument("--parts", type=int, default=1)
    t = sub.add_parser("tally")
    t.add_argument("verdicts", type=Path)
    return parser, d


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled_keys(path: Path = LABELS) -> set[str]:
    if not path.exists():
        return set()
    return {json.loads(line)["key"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--half", choices=["A", "B", "AB"], default="A")
    parser.add_argument("--n", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sheet", type=Path, required=True, help="where the sheet (with text) goes: not the project")
    parser.add_argument("--parts", type=int, default=1, help="split the sheet into this many files for readers")
    args = parser.parse_args()
    outside_project(parser, args.sheet)
    rows = draw(args.warehouse, set(args.half), args.n, args.seed, labelled_keys())
    write_sheet(args.sheet, [sheet_record(r) for r in rows], args.parts)


if __name__ == "__main__":
    main()
