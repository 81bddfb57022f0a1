"""A real-news audit of entities (issue 34): the most-mentioned entities and a seeded random draw, each with a few of
its mentions in context, for a reader to judge (clean: one real thing, of the right type, not split).

    python -m nightdesk.evaluate.entity_audit WAREHOUSE --seed 3401 --sheet /tmp/eaudit/sheet.jsonl --parts 4

The sheet holds article text: it is written outside the project; the verdicts (ids and verdicts) are kept in
tests/data/audits/.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from nightdesk.evaluate.event_labels import context, outside_project, write_sheet
from nightdesk.load.schemas import sql_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--random", type=int, default=50)
    parser.add_argument("--sheet", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=1)
    args = parser.parse_args()
    outside_project(parser, args.sheet)
    from nightdesk.load.warehouse import connect_read_only

    con = connect_read_only(args.warehouse)
    entities = con.execute(sql_text("eval", "audit_entities.sql")).fetchall()  # id, name, type, mentions
    # entity, article, start, end, mention text, article text
    mentions = con.execute(sql_text("eval", "audit_entity_mentions.sql")).fetchall()
    by_entity: dict[str, list] = {}
    for m in mentions:
        by_entity.setdefault(m[0], []).append(m)
    top = entities[: args.top]
    rest = entities[args.top :]
    drawn = random.Random(args.seed).sample(rest, min(args.random, len(rest)))
    records = []
    for audit, chosen in (("top30", top), ("random50", drawn)):
        for entity_id, name, etype, n in chosen:
            ms = by_entity.get(entity_id, [])
            forms = sorted({m[4] for m in ms})
            sample = random.Random(f"{args.seed}:{entity_id}").sample(ms, min(6, len(ms)))
            records.append(
                {
                    "audit": audit,
                    "entity_id": entity_id,
                    "name": name,
                    "type": etype,
                    "mentions": n,
                    "forms": forms[:40],
                    "samples": [
                        {"article_id": m[1], "start": m[2], "end": m[3], "context": context(m[5], m[2], m[3], 200)}
                        for m in sample
                    ],
                }
            )
    write_sheet(args.sheet, records, args.parts)


if __name__ == "__main__":
    main()
