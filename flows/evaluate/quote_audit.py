"""A real-news audit of quotes and places (issue 34): quotes and geocoded place mentions drawn at random with a fixed
seed, each in its paragraph, for a reader to judge.

    python -m nightdesk.evaluate.quote_audit draw WAREHOUSE --seed 3402 --sheet /tmp/qaudit/sheet.jsonl --parts 4
    python -m nightdesk.evaluate.quote_audit tally tests/data/audits/quotes-2026-12-08.jsonl

The sheet holds article text: it is written outside the project; the verdicts (ids, offsets and verdicts) are kept
in tests/data/audits/ with the readers' guide GUIDE-quotes.md.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

from nightdesk.evaluate.event_labels import audit_parser, context, outside_project, read_jsonl, write_sheet
from nightdesk.load.schemas import sql_text


def marked(text: str, spans: list[list[int]], width: int) -> str:
    """The paragraph around a quote with each of its parts marked [[like this]]: an interrupted quote ("“...,” she
    said, “...”") shows its attribution unmarked between its parts."""
    start, end = spans[0][0], spans[-1][1]
    inner = text[start:end]
    for s, e in reversed(spans):
        inner = inner[: e - start] + "]]" + inner[e - start :]
        inner = inner[: s - start] + "[[" + inner[s - start :]
    around = context(text, start, end, width)
    return around.replace("[[" + text[start:end] + "]]", inner, 1)


def draw(warehouse: Path, seed: int, quotes: int, places: int) -> list[dict]:
    from nightdesk.load.warehouse import connect_read_only

    con = connect_read_only(warehouse)
    found = con.execute(sql_text("eval", "audit_quotes.sql")).fetchall()
    mentions = con.execute(sql_text("eval", "audit_places.sql")).fetchall()
    rng = random.Random(seed)
    records = []
    for q in rng.sample(found, min(quotes, len(found))):
        (quote_id, article_id, source_id, start, end, qtype, cue, speaker, s_start, s_end, entity, etype, via, spans,
         text) = q  # fmt: skip
        records.append(
            {
                "audit": "quotes100",
                "quote_id": quote_id,
                "article_id": article_id,
                "source_id": source_id,
                "start": start,
                "end": end,
                "quote_type": qtype,
                "cue": cue,
                "speaker_text": speaker,
                "speaker_at": [s_start, s_end],
                "speaker_entity": entity,
                "speaker_entity_type": etype,
                "via_text": via,
                "context": marked(text, json.loads(spans), 600),
            }
        )
    for m in rng.sample(mentions, min(places, len(mentions))):
        mention_id, article_id, source_id, start, end, name, etype, geonames_id, country, lat, lon, text = m
        records.append(
            {
                "audit": "places25",
                "mention_id": mention_id,
                "article_id": article_id,
                "source_id": source_id,
                "start": start,
                "end": end,
                "place": name,
                "type": etype,
                "geonames_id": geonames_id,
                "country_code": country,
                "lat_lon": [lat, lon],
                "context": context(text, start, end, 300),
            }
        )
    return records


def tally(rows: list[dict]) -> list[str]:
    """The issue's figures from a file of verdicts."""
    quotes = [r for r in rows if r["audit"] == "quotes100"]
    places = [r for r in rows if r["audit"] == "places25"]
    speaker = Counter(r["speaker"] for r in quotes)
    return [
        f"quotes100: span right {sum(r['span'] == 'right' for r in quotes)} of {len(quotes)} "
        f"(not a quote {sum(r['span'] == 'not_quote' for r in quotes)})",
        f"speaker right and resolved to the right entity {speaker['right_resolved']} of {len(quotes)}; right text but "
        f"no or a wrong entity {speaker['right_unresolved']}; wrong speaker {speaker['wrong']}; none given "
        f"{speaker['missing']}",
        f"places25: the mention is the place geocoded {sum(r['place_right'] == 'yes' for r in places)} of {len(places)}",
    ]


def main() -> None:
    parser, d = audit_parser(__doc__)
    d.add_argument("--quotes", type=int, default=100)
    d.add_argument("--places", type=int, default=25)
    args = parser.parse_args()
    if args.command == "tally":
        print("\n".join(tally(read_jsonl(args.verdicts))))
        return
    outside_project(parser, args.sheet)
    write_sheet(args.sheet, draw(args.warehouse, args.seed, args.quotes, args.places), args.parts)


if __name__ == "__main__":
    main()
