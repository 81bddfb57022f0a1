"""Who a short name is (issue 34): bare surnames in articles where it could be more than one person, read by people.

    python -m nightdesk.evaluate.short_names draw WAREHOUSE --n 240 --seed 34 --sheet /tmp/short/sheet.jsonl --parts 4
    python -m nightdesk.evaluate.short_names score WAREHOUSE --half A

A mention is ambiguous when its surname is the last word of two or more full names: those the article names, and the
one the whole night names most often ("Clinton" in an article that names Bill Clinton once is still, most likely,
Hillary Clinton). Readers pick the person from the paragraph (tests/data/labels/short_names.jsonl: ids, offsets and
verdicts, no text); `score` counts the mentions whose entity is the person read, on one half of the corpus (halves as
flows/evaluate/event_labels.py: tune on A, report B once).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from pathlib import Path

from nightdesk.evaluate.event_labels import context, half, outside_project, write_sheet
from nightdesk.load.schemas import sql_text
from nightdesk.transform.text.names import name_key

PROJECT = Path(__file__).resolve().parents[2]
LABELS = PROJECT / "tests" / "data" / "labels" / "short_names.jsonl"
HELD_OUT = LABELS.with_name("short_names_heldout.jsonl")


def _mentions(warehouse: Path) -> list[tuple]:
    from nightdesk.load.warehouse import connect_read_only

    return connect_read_only(warehouse).execute(sql_text("eval", "person_mentions.sql")).fetchall()


def ambiguous(rows: list[tuple]) -> list[dict]:
    """Bare capitalised surnames that two or more full names end with (the article's, and the night's commonest)."""
    full = Counter(r[4] for r in rows if len(r[4].split()) >= 2)
    commonest: dict[str, str] = {}
    for name, _n in full.most_common():
        commonest.setdefault(name.split()[-1], name)
    by_article = defaultdict(list)
    for r in rows:
        by_article[r[0]].append(r)
    found = []
    for article_id, mentions in by_article.items():
        named = {m[4] for m in mentions if len(m[3].split()) >= 2 and len(m[4].split()) >= 2}
        for _a, start, end, surface, _canonical, source_id in mentions:
            word = surface.strip()
            if len(word.split()) != 1 or not word[:1].isupper():
                continue
            names = {n for n in named if n.split()[-1] == word} | ({commonest[word]} if word in commonest else set())
            if len(names) >= 2:
                found.append(
                    {
                        "key": f"{article_id}:{start}:{end}",
                        "source_id": source_id,
                        "half": half(source_id),
                        "surface": word,
                        "candidates": sorted(names),
                    }  # fmt: skip
                )
    return found


def same_person(name: str | None, answer: str) -> bool:
    """The night's name for the mention is the person read: the same first and last name ("Hillary Rodham Clinton"
    is "Hillary Clinton"); a bare surname is no one."""
    if not name:
        return False
    a, b = name_key(name).split(), name_key(answer).split()
    return len(a) >= 2 and (a[0], a[-1]) == (b[0], b[-1])


def score(warehouse: Path, part: str, labels: list[dict]) -> tuple[int, int, list[dict]]:
    """(right, read, wrong rows) over the labelled mentions of `part` that name one of their candidates."""
    names = {f"{r[0]}:{r[1]}:{r[2]}": r[4] for r in _mentions(warehouse)}
    read = [x for x in labels if x["half"] in part and x["answer"] in x["candidates"]]
    wrong = [dict(x, system=names.get(x["key"])) for x in read if not same_person(names.get(x["key"]), x["answer"])]
    return len(read) - len(wrong), len(read), wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("warehouse", type=Path)
    d.add_argument("--n", type=int, default=240)
    d.add_argument("--seed", type=int, default=34)
    d.add_argument("--sheet", type=Path, required=True, help="where the sheet (with text) goes: not the project")
    d.add_argument("--parts", type=int, default=1)
    s = sub.add_parser("score")
    s.add_argument("warehouse", type=Path)
    s.add_argument("--half", choices=["A", "B", "AB"], default="A")
    s.add_argument("--show", type=int, default=0, help="print this many wrong rows")
    s.add_argument(
        "--labels", type=Path, default=LABELS, help="the labels to score (the held-out draw: never trained on)"
    )
    args = parser.parse_args()
    if args.command == "score":
        labels = [json.loads(line) for line in args.labels.read_text(encoding="utf-8").splitlines() if line.strip()]
        right, read, wrong = score(args.warehouse, args.half, labels)
        print(
            f"short names, half {args.half}: {right} of {read} resolved to the person read ({right / max(read, 1):.3f})"
        )
        for x in wrong[: args.show]:
            print(f"  {x['key']} {x['surface']}: read {x['answer']}, night {x['system']}")
        return
    outside_project(parser, args.sheet)
    from nightdesk.load.warehouse import connect_read_only

    found = ambiguous(_mentions(args.warehouse))
    read = set()  # a new draw reads mentions nobody read yet
    for path in (LABELS, HELD_OUT):
        if path.exists():
            read |= {json.loads(line)["key"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    if read:
        found = [x for x in found if x["key"] not in read]
    random.Random(args.seed).shuffle(found)
    found = found[: args.n]
    texts = dict(connect_read_only(args.warehouse).execute(sql_text("eval", "article_texts.sql")).fetchall())
    records = []
    for x in found:
        _article, start, end = x["key"].split(":")
        records.append(dict(x, context=context(texts[x["source_id"]], int(start), int(end), 900)))
    write_sheet(args.sheet, records, args.parts)


if __name__ == "__main__":
    main()
