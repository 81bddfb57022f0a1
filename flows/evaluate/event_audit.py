"""A real-news audit of events (issue 33): draw the rows an analyst sees from a night, and count the readers' verdicts.

    python -m nightdesk.evaluate.event_audit draw WAREHOUSE --seed 3303 --sheet /tmp/audit/sheet.jsonl --parts 4
    python -m nightdesk.evaluate.event_audit tally tests/data/audits/events-2026-12-08.jsonl

`draw` takes the first-copy rows at or above the scorer's threshold: `random100` (a seeded random 100), `assault30`
(every ASSAULT row) and `counts` (every row with a killed, injured or arrested value); a row drawn twice is read
once. The sheet holds article text, so it is written outside the project; readers follow
tests/data/audits/GUIDE-events.md, and their verdicts (ids, offsets, verdicts, no text) are kept in
tests/data/audits/. `tally` prints the figures of the issue from such a file.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

from nightdesk.evaluate.event_labels import audit_parser, context, key, outside_project, read_jsonl, write_sheet
from nightdesk.load.schemas import sql_text

KEPT = ("audit", "event_id", "key", "source_id", "corpus", "event_type", "confidence", "date_precision", "date_source")


def corpus_of(source_id: str) -> str:
    return "ipe" if source_id.startswith("ipe-") else "pages" if source_id.endswith(".html") else "polnear"


def draw(warehouse: Path, seed: int, threshold: float | None = None) -> list[tuple[str, dict]]:
    from nightdesk.load.warehouse import connect_read_only
    from nightdesk.settings import SEEDS_DIR
    from nightdesk.transform.events.scorer import load

    threshold = load(SEEDS_DIR).threshold if threshold is None else threshold
    cur = connect_read_only(warehouse).execute(sql_text("eval", "audit_events.sql"), {"threshold": threshold})
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)
    picks = [("random100", r) for r in shuffled[:100]]
    picks += [("assault30", r) for r in rows if r["event_type"] == "ASSAULT"]
    picks += [("counts", r) for r in rows if any(r[k] is not None for k in ("killed", "injured", "arrested"))]
    return picks


def sheet_record(audit: str, r: dict) -> dict:
    return {
        "audit": audit,
        "event_id": r["event_id"],
        "key": key(r["article_id"], r["start_char"], r["end_char"], r["event_type"]),
        "source_id": r["source_id"],
        "corpus": corpus_of(r["source_id"] or ""),
        "event_type": r["event_type"],
        "confidence": r["confidence"],
        "published": r["published"],
        "title": r["title"],
        "status": r["status"],
        "trigger": r["trigger"],
        "context": context(r["text"], r["start_char"], r["end_char"]),
        "actor": r["actor_text"],
        "target": r["target_text"],
        "place": r["location_text"],
        "event_date": r["event_date"],
        "date_precision": r["date_precision"],
        "date_source": r["date_source"],
        "date_text": r["date_text"],
        "counts": {k: r[k] for k in ("killed", "injured", "arrested") if r[k] is not None},
    }


def tally(rows: list[dict]) -> list[str]:
    """The issue's figures from a file of verdicts."""
    sample = [r for r in rows if r["audit"] == "random100"]
    real = Counter(r["real"] for r in sample)
    with_actor = [r for r in sample if r["actor"] in ("right", "wrong")]
    dated = [r for r in sample if r["date"] in ("right", "wrong")]
    current_day = [
        r for r in dated if r["date"] == "right" or (r["date_source"] == "publication" and r["current"] == "current")
    ]
    periods = [r for r in dated if r["date"] == "right" or r.get("date_at_precision") == "right"]
    assault = [r for r in rows if r["audit"] == "assault30"]
    counts = [r for r in rows if r["audit"] == "counts"]
    out = [
        f"random100: real happenings of the right type {real['yes']} of {len(sample)} "
        f"(wrong type {real['wrong_type']}, no act {real['no']}); by corpus "
        + ", ".join(
            f"{c} {sum(r['real'] == 'yes' for r in sample if r['corpus'] == c)} of "
            f"{sum(r['corpus'] == c for r in sample)}"
            for c in ("polnear", "ipe", "pages")
        ),  # fmt: skip
        f"actor right {sum(r['actor'] == 'right' for r in with_actor)} of {len(with_actor)} rows with an actor; "
        f"{sum(r['actor'] == 'missing' for r in sample)} rows miss one the sentence names",
        f"date right (the day, as the text tells it) {sum(r['date'] == 'right' for r in dated)} of {len(dated)} dated; "
        f"with the publication day taken as right for a current act {len(current_day)}; "
        f"and a week, month or year right at its precision {len(periods)}",
    ]
    for lo, hi in ((0.0, 0.9), (0.9, 0.95), (0.95, 1.01)):
        band = [r for r in sample if lo <= r["confidence"] < hi]
        name = "below 0.90" if lo == 0 else f"{lo:.2f}-{min(hi, 1):.2f}"
        out.append(f"confidence {name}: {sum(r['real'] == 'yes' for r in band)} of {len(band)} real")
    out.append(f"assault30: real attacks {sum(r['real'] == 'yes' for r in assault)} of {len(assault)}")
    out.append(f"counts right {sum(r['counts'] == 'right' for r in counts)} of {len(counts)}")
    return out


def main() -> None:
    parser, d = audit_parser(__doc__)
    args = parser.parse_args()
    if args.command == "tally":
        print("\n".join(tally(read_jsonl(args.verdicts))))
        return
    outside_project(parser, args.sheet)
    drawn = [sheet_record(audit, r) for audit, r in draw(args.warehouse, args.seed)]
    first: dict[str, dict] = {}  # a row drawn twice is read once
    for rec in drawn:
        first.setdefault(rec["key"], rec)
    write_sheet(args.sheet, list(first.values()), args.parts)
    with open(args.sheet.with_suffix(".draw.json"), "w", encoding="utf-8") as fh:
        json.dump([{k: rec[k] for k in KEPT} for rec in drawn], fh)  # which audit drew each row


if __name__ == "__main__":
    main()
